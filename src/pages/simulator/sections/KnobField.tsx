import { useId, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import {
  DEFAULT_CONFIG,
  getConfigValue,
  type ConfigField,
  type PipelineConfig,
} from '../../../sim/config';
import { formatNumber, useConfigStore } from '../../../store/config';
import { checkEdit, rangeText } from '../knobs';

/**
 * One knob: a labelled text input with its range and description under it. A valid
 * entry applies at once (and goes into the address); an invalid one is not applied,
 * and validateConfig's reason shows next to the field until it is corrected or the
 * config changes elsewhere (another knob, a preset, a reset: the field then shows the
 * applied value again). Escape puts the applied value back.
 */
export function KnobField({ field }: { field: ConfigField }) {
  const id = useId();
  const config = useConfigStore((state) => state.config);
  const value = getConfigValue(config, field.path) as number;
  /** What the reader typed, and the config it was typed against (or applied as). */
  const [draft, setDraft] = useState<{ text: string; base: PipelineConfig } | null>(null);
  const editing = draft !== null && draft.base === config;
  const text = editing ? draft.text : formatNumber(value);
  const check = editing ? checkEdit(config, field.path, draft.text) : null;
  const messages = check && !check.ok ? check.messages : [];
  const invalid = messages.length > 0;
  const defaultValue = getConfigValue(DEFAULT_CONFIG, field.path) as number;
  const changed = value !== defaultValue;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const typed = event.target.value;
    const result = checkEdit(config, field.path, typed);
    if (result.ok) {
      const store = useConfigStore.getState();
      store.setField(field.path, result.value);
      setDraft({ text: typed, base: useConfigStore.getState().config });
    } else {
      setDraft({ text: typed, base: config });
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') setDraft(null);
  };

  return (
    <div
      className="sim-field"
      data-invalid={invalid || undefined}
      data-changed={changed || undefined}
    >
      <div className="sim-field-head">
        <label className="sim-field-label" htmlFor={id}>
          {field.label}
        </label>
        {changed && (
          <span className="tag sim-changed-tag" aria-hidden="true">
            changed
          </span>
        )}
      </div>
      <input
        id={id}
        className="text-input sim-input"
        type="text"
        inputMode={field.integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint ${id}-error`}
        onChange={onChange}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="sim-hint">
        {rangeText(field)}. {field.description}
        {changed && ` Default: ${formatNumber(defaultValue)}.`}
      </p>
      <p id={`${id}-error`} className="sim-error" aria-live="polite">
        {invalid && (
          <>
            <strong>Not applied:</strong> {messages.join(' ')}
          </>
        )}
      </p>
    </div>
  );
}
