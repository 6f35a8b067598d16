import { SectionPlaceholder } from '../../../components/page/SectionPlaceholder';

/** SEAM: the expert (instruction, response) pairs from src/sim/data. */
export function ExpertPairsSection() {
  return (
    <SectionPlaceholder
      id="expert-pairs"
      title="The expert pairs"
      seam="sft/expert-pairs"
      willShow={[
        'The (instruction, response) pairs written as an expert would answer, e.g. “Can a patient on warfarin take ibuprofen?”',
        'How many there are, and which are held out for evaluation.',
      ]}
    />
  );
}
