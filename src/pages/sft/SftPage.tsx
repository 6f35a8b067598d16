import { PageHeading } from '../../components/page/PageHeading';
import { RunPanel, useShippedRun } from '../../components/run';
import { RunExport } from '../../components/run/RunExport';
import '../shared/stagePage.css';
import './sft.css';
import { BaseVsSftSection } from './sections/BaseVsSftSection';
import { ChatTemplateSection } from './sections/ChatTemplateSection';
import { ComparisonSection } from './sections/ComparisonSection';
import { ExpertPairsSection } from './sections/ExpertPairsSection';
import { SftLossSection } from './sections/SftLossSection';
import { useHeldOutAnswers } from './useHeldOutAnswers';

/**
 * Stage 2. The loss curve comes right under the run panel (as on Pretraining), then
 * the data, the template and its mask, and the before/after comparison. The held-out
 * answers are computed once here and shared by the two sections that quote them.
 */
export default function SftPage() {
  useShippedRun();
  const answers = useHeldOutAnswers();
  return (
    <article className="page stage-page">
      <PageHeading kicker="Stage 2 of 4">Supervised fine-tuning</PageHeading>
      <p className="lede">
        The base model continues text; SFT teaches it to answer. It keeps training on expert
        demonstrations — an instruction and the response an expert would give — an approach also
        called behavioural cloning.
      </p>
      <RunPanel stage="sft" />
      <SftLossSection />
      <RunExport stage="sft" />
      <ExpertPairsSection />
      <ChatTemplateSection />
      <BaseVsSftSection answers={answers} />
      <ComparisonSection answers={answers} />
    </article>
  );
}
