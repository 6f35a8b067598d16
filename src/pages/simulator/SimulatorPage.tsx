import { PageHeading } from '../../components/page/PageHeading';
import { useShippedRun } from '../../components/run';
import '../shared/stagePage.css';
import './simulator.css';
import { ComparisonSection } from './sections/ComparisonSection';
import { DataSection } from './sections/DataSection';
import { ObservationsSection } from './sections/ObservationsSection';
import { PresetsSection } from './sections/PresetsSection';
import { RealScaleSection } from './sections/RealScaleSection';
import { RunAllSection } from './sections/RunAllSection';
import { SettingsSection } from './sections/SettingsSection';
import { SessionSection } from './sections/SessionSection';

/**
 * The Simulator: scenario presets, "Run all" with a bar per stage, observations read
 * off the run's numbers, kept runs overlaid for comparison, and every knob in one
 * place (in the URL, so a link reproduces a run). The knobs come last: they are the
 * longest section, and a lecture's loop (scenario, run, read, compare) fits above them.
 */
export default function SimulatorPage() {
  useShippedRun();
  return (
    <article className="page simulator-page">
      <PageHeading>Simulator</PageHeading>
      <p className="lede">
        Every knob of the pipeline in one place. Pick a scenario or set the knobs, train all five
        stages in your browser, keep the runs you want and compare them side by side. The settings
        live in the page address, so a link reproduces them.
      </p>
      <PresetsSection />
      <RunAllSection />
      <ObservationsSection />
      <ComparisonSection />
      <SessionSection />
      <SettingsSection />
      <DataSection />
      <RealScaleSection />
    </article>
  );
}
