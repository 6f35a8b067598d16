import { Section } from './Section';

/**
 * A section whose live content arrives with the training core. It says what will be
 * shown, so the page never looks empty; `seam` names the component to replace
 * (and is rendered as data-seam, so it is easy to find in the DOM and the code).
 */
export function SectionPlaceholder({
  id,
  title,
  seam,
  willShow,
}: {
  id: string;
  title: string;
  seam: string;
  willShow: readonly string[];
}) {
  return (
    <Section id={id} title={title} className="section-placeholder">
      <div className="placeholder-box" data-seam={seam}>
        <p className="placeholder-status">
          Connects to the training run in the next build. It will show:
        </p>
        <ul>
          {willShow.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    </Section>
  );
}
