import { PageHeading } from '../../components/page/PageHeading';
import { RunPanel, useShippedRun } from '../../components/run';
import { RunExport } from '../../components/run/RunExport';
import '../shared/stagePage.css';
import { CorpusSection } from './sections/CorpusSection';
import { CrossEntropySection } from './sections/CrossEntropySection';
import { GenerationsSection } from './sections/GenerationsSection';
import { NextTokenSection } from './sections/NextTokenSection';
import { ProbesSection } from './sections/ProbesSection';
import { TokenizerSection } from './sections/TokenizerSection';
import { TrainingCurvesSection } from './sections/TrainingCurvesSection';

/**
 * Stage 1. The curves come first, right under the run panel, so "Train live" shows
 * them moving without scrolling; then the data, the tokenizer, the task (next-token
 * prediction), the loss, what the model learned (probes) and what it cannot do
 * (generations). One component per section.
 */
export default function PretrainingPage() {
  useShippedRun();
  return (
    <article className="page stage-page">
      <PageHeading kicker="Stage 1 of 4">Pretraining</PageHeading>
      <p className="lede">
        A randomly initialised GPT reads the corpus and learns one thing: to predict the next token.
        Everything later stages build on — vocabulary, facts, style — comes from here.
      </p>
      <RunPanel stage="pretrain" />
      <TrainingCurvesSection />
      <RunExport stage="pretrain" />
      <CorpusSection />
      <TokenizerSection />
      <NextTokenSection />
      <CrossEntropySection />
      <ProbesSection />
      <GenerationsSection />
    </article>
  );
}
