import { SectionPlaceholder } from '../../../components/page/SectionPlaceholder';

/** SEAM: the same prompts answered by the base and the SFT model, side by side. */
export function BaseVsSftSection() {
  return (
    <SectionPlaceholder
      id="base-vs-sft"
      title="Before and after: base model vs SFT model"
      seam="sft/base-vs-sft"
      willShow={[
        'The same prompts answered by the base model and by the SFT model, side by side.',
        'Where SFT helps (format, answering the question) and where it cannot (facts the pairs never showed).',
      ]}
    />
  );
}
