import { useState } from 'react';
import { Section } from '../../../components/page/Section';
import { useConfigStore } from '../../../store/config';
import { fieldsOf, KNOB_GROUPS } from '../knobs';
import { KnobField } from './KnobField';

/** Every knob of the pipeline, one fieldset per stage, and a reset. */
export function SettingsSection() {
  // Remounting the fields on reset clears what was typed but refused, even where the
  // config object itself does not change (it was the defaults already).
  const [resets, setResets] = useState(0);
  const reset = () => {
    useConfigStore.getState().reset();
    setResets((n) => n + 1);
  };
  return (
    <Section id="settings" title="Every setting">
      <p>
        Each field shows its valid range. A valid value applies at once and goes into the page
        address; an invalid one is refused, with the reason next to the field. Then{' '}
        <a href="#run-all">Run all</a> trains the new settings.
      </p>
      <button type="button" className="button sim-reset" onClick={reset}>
        Reset to defaults
      </button>
      <div className="sim-groups" key={resets}>
        {KNOB_GROUPS.map((group) => (
          <fieldset key={group.id} className="sim-group">
            <legend>{group.legend}</legend>
            {fieldsOf(group.id).map((field) => (
              <KnobField key={field.path} field={field} />
            ))}
          </fieldset>
        ))}
      </div>
    </Section>
  );
}
