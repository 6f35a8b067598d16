import { AppLink } from '../../components/nav/AppLink';
import { PageHeading } from '../../components/page/PageHeading';
import { Section } from '../../components/page/Section';
import { useShippedRun } from '../../components/run/useShippedRun';
import { PipelineDiagram } from './PipelineDiagram';
import './home.css';

export default function HomePage() {
  // The stage cards quote the run's numbers: show the shipped default run at once.
  useShippedRun();
  return (
    <article className="page home-page">
      <PageHeading>Four stages from text to assistant</PageHeading>
      <div className="home-intro">
        <p className="lede">
          A tiny GPT, trained for real in this browser tab on a pharmaceutical corpus, then
          fine-tuned and aligned with a reward model and PPO. Every number comes from that run.
        </p>
        <AppLink to="/pretraining" className="button button--primary">
          Start: Pretraining<span aria-hidden="true"> →</span>
        </AppLink>
      </div>
      <Section id="pipeline" title="The pipeline" className="home-pipeline">
        <PipelineDiagram />
      </Section>
      <Section id="beyond" title="Across the pipeline">
        <ul className="more-cards">
          <li>
            <AppLink to="/pharma">Pharmaceutical applications</AppLink>
            <span>Drug interactions and renal dosing followed through every stage.</span>
          </li>
          <li>
            <AppLink to="/challenges">Challenges and solutions</AppLink>
            <span>
              Reward hacking, noisy labels, distribution shift and label cost, as experiments.
            </span>
          </li>
          <li>
            <AppLink to="/simulator">Simulator</AppLink>
            <span>Change every knob, compare runs, share a run as a link.</span>
          </li>
        </ul>
      </Section>
    </article>
  );
}
