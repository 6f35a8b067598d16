/**
 * Every keyboard shortcut of the app, as data: the "?" dialog lists exactly this, so a
 * new shortcut is documented by adding it here (keyboard.ts and useKeyboardPageNav.ts
 * implement them).
 */
export interface Shortcut {
  /** Keys, each shown as a <kbd>; alternatives are listed with "or". */
  keys: readonly string[];
  /** Spoken names where the key caps alone read badly ("→" is "Right arrow"). */
  names?: readonly string[];
  action: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere (except while typing in a field)',
    shortcuts: [
      { keys: ['['], action: 'Previous page' },
      { keys: [']'], action: 'Next page' },
      { keys: ['P'], action: 'Start or stop presentation mode' },
      { keys: ['?'], names: ['Question mark'], action: 'Show this list of shortcuts' },
      {
        keys: ['Tab'],
        action: 'Next link or control (the first Tab reaches “Skip to content”)',
      },
    ],
  },
  {
    title: 'In presentation mode',
    shortcuts: [
      {
        keys: ['→', '↓', 'Page Down'],
        names: ['Right arrow', 'Down arrow', 'Page Down'],
        action:
          'Next: the rest of a section taller than the screen, then the next section, then the next page',
      },
      {
        keys: ['←', '↑', 'Page Up'],
        names: ['Left arrow', 'Up arrow', 'Page Up'],
        action: 'Back: the same screens in reverse, to the end of the previous page',
      },
      { keys: ['Esc'], names: ['Escape'], action: 'Leave presentation mode' },
    ],
  },
  {
    title: 'In this list',
    shortcuts: [{ keys: ['Esc'], names: ['Escape'], action: 'Close it' }],
  },
];
