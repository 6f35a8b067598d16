import { useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most every `ms`, and always in a task of its own (a
 * timer): a second chart that streams the same run redraws apart from the first,
 * so no single task holds both redraws.
 */
export function useThrottledValue<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const timer = setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, last.current + ms - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
