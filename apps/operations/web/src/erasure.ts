import { ElMessageBox } from 'element-plus';

/** What the erasure prompt says, in the page's language. */
export interface ErasurePromptText {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  placeholder: string;
  required: string;
}

/**
 * Ask why a person's personal data is to be erased (个人信息保护法): a warning that it cannot be undone and a
 * required reason, kept in the audit event. Undefined when the operator cancels.
 */
export async function askErasureReason(text: ErasurePromptText): Promise<string | undefined> {
  try {
    const answer = await ElMessageBox.prompt(text.message, text.title, {
      type: 'warning',
      confirmButtonText: text.confirm,
      cancelButtonText: text.cancel,
      inputPlaceholder: text.placeholder,
      inputValidator: (v: string) => (v.trim() ? true : text.required),
    });
    return answer.value.trim();
  } catch {
    return undefined;
  }
}
