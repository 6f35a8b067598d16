import { PageHeading } from '../../components/page/PageHeading';
import { BaseVsSftSection } from './sections/BaseVsSftSection';
import { ChatTemplateSection } from './sections/ChatTemplateSection';
import { ComparisonSection } from './sections/ComparisonSection';
import { ExpertPairsSection } from './sections/ExpertPairsSection';
import { SftLossSection } from './sections/SftLossSection';

/**
 * Stage 2. One component per section; the placeholders are seams for the training
 * run (SEAM: a run panel — train live, progress, cancel, new seed — goes under the lede).
 */
export default function SftPage() {
  return (
    <article className="page">
      <PageHeading kicker="Stage 2 of 4">Supervised fine-tuning</PageHeading>
      <p className="lede">
        The base model continues text; SFT teaches it to answer. It keeps training on expert
        demonstrations — an instruction and the response an expert would give — an approach also
        called behavioural cloning.
      </p>
      <ExpertPairsSection />
      <ChatTemplateSection />
      <SftLossSection />
      <BaseVsSftSection />
      <ComparisonSection />
    </article>
  );
}
