import { ref, shallowRef } from 'vue';
import { ApiProblem, errorMessage } from '../problem';

/**
 * Errors of a form from the API's problem+json: each bad field's message for the form item that shows
 * that field (`of('saleUnits.0.base')`, bound to ElFormItem's `error`), and one message for the form:
 * the problem's detail when every bad field is shown on the form, the whole description otherwise
 * (a field the form does not show must still be named somewhere). The form's fields are a list, or a test
 * for forms with rows (`saleUnits.3.unit`).
 */
export function useFormErrors(formFields: readonly string[] | ((field: string) => boolean)) {
  const fields = shallowRef(new Map<string, string>());
  const message = ref('');
  const listed = new Set(typeof formFields === 'function' ? [] : formFields);
  const shown = { has: typeof formFields === 'function' ? formFields : (field: string) => listed.has(field) };
  return {
    message,
    of: (field: string): string => fields.value.get(field) ?? '',
    clear(): void {
      fields.value = new Map();
      message.value = '';
    },
    show(error: unknown): void {
      const byField = new Map<string, string>();
      if (error instanceof ApiProblem)
        for (const f of error.fields)
          if (shown.has(f.field)) byField.set(f.field, [byField.get(f.field), f.message].filter(Boolean).join('; '));
      fields.value = byField;
      const unshown = error instanceof ApiProblem && error.fields.some((f) => !shown.has(f.field));
      message.value = error instanceof ApiProblem && byField.size > 0 && !unshown ? error.detail : errorMessage(error);
    },
  };
}

/**
 * Submit a command: busy while it runs, errors into `errors`, one Idempotency-Key per submission so a
 * retried request (a network hiccup) never does the thing twice. Resolves the answer, or undefined when refused.
 */
export function useSubmit<T>(errors: ReturnType<typeof useFormErrors>, send: (idempotencyKey: string) => Promise<T>) {
  const busy = ref(false);
  async function submit(): Promise<T | undefined> {
    busy.value = true;
    errors.clear();
    try {
      return await send(crypto.randomUUID());
    } catch (e) {
      errors.show(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, submit };
}
