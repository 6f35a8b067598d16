import { AppLink } from '../../components/nav/AppLink';
import { pageById } from '../../app/pages';
import { StageHeadline } from './StageHeadline';
import { STAGES } from './stages';
import { useRunHeadlines } from './useRunHeadlines';

/**
 * The pipeline as an ordered list of stage cards joined by arrows (CSS): each says
 * what goes in, what the stage learns, what comes out and what it cannot do, shows
 * the current run's numbers, and links to its page.
 */
export function PipelineDiagram() {
  const headlines = useRunHeadlines();
  return (
    <ol className="pipeline" aria-label="The four training stages">
      {STAGES.map((stage) => {
        const page = pageById(stage.page);
        return (
          <li key={stage.page} className={`pipeline-stage pipeline-stage--${stage.number}`}>
            <h3 className="pipeline-stage-title">
              <span className="stage-number" aria-hidden="true">
                {stage.number}
              </span>
              <span className="visually-hidden">Stage {stage.number}: </span>
              {stage.name}
            </h3>
            <dl className="pipeline-facts">
              <div>
                <dt>In</dt>
                <dd>{stage.input}</dd>
              </div>
              <div>
                <dt>Learns</dt>
                <dd>{stage.learns}</dd>
              </div>
              <div>
                <dt>Out</dt>
                <dd>{stage.output}</dd>
              </div>
              <div className="pipeline-cannot">
                <dt>Cannot</dt>
                <dd>{stage.cannot}</dd>
              </div>
            </dl>
            <StageHeadline metrics={headlines[stage.page]} />
            <AppLink to={page.path} className="pipeline-stage-link">
              Open {page.navLabel}
              <span aria-hidden="true"> →</span>
            </AppLink>
          </li>
        );
      })}
    </ol>
  );
}
