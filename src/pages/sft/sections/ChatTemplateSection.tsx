import { SectionPlaceholder } from '../../../components/page/SectionPlaceholder';

/** SEAM: the chat template with the loss mask shown token by token. */
export function ChatTemplateSection() {
  return (
    <SectionPlaceholder
      id="chat-template"
      title="The chat template and the loss mask"
      seam="sft/chat-template"
      willShow={[
        'One pair laid out in the chat template, token by token.',
        'Which tokens count in the loss (the response) and which are masked (the instruction and the template).',
      ]}
    />
  );
}
