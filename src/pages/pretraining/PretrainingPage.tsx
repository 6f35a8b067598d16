import { PageHeading } from '../../components/page/PageHeading';
import { CorpusSection } from './sections/CorpusSection';
import { CrossEntropySection } from './sections/CrossEntropySection';
import { GenerationsSection } from './sections/GenerationsSection';
import { NextTokenSection } from './sections/NextTokenSection';
import { TokenizerSection } from './sections/TokenizerSection';
import { TrainingCurvesSection } from './sections/TrainingCurvesSection';

/**
 * Stage 1. One component per section; the placeholders are seams for the training
 * run (SEAM: a run panel — train live, progress, cancel, new seed — goes under the lede).
 */
export default function PretrainingPage() {
  return (
    <article className="page">
      <PageHeading kicker="Stage 1 of 4">Pretraining</PageHeading>
      <p className="lede">
        A randomly initialised GPT reads the corpus and learns one thing: to predict the next token.
        Everything later stages build on — vocabulary, facts, style — comes from here.
      </p>
      <CorpusSection />
      <TokenizerSection />
      <NextTokenSection />
      <TrainingCurvesSection />
      <CrossEntropySection />
      <GenerationsSection />
    </article>
  );
}
