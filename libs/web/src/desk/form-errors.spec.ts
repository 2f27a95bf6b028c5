import { ApiProblem } from '../problem';
import { useFormErrors, useSubmit } from './form-errors';

describe('form errors from problem+json', () => {
  const problem = (fields: Array<[string, string]>) =>
    new ApiProblem(
      400,
      'VALIDATION_FAILED',
      'Invalid request',
      fields.map(([field, message]) => ({ field, message })),
    );

  it('puts each bad field on its form item and the detail on the form when every field is shown', () => {
    const errors = useFormErrors(['code', 'saleUnits.0.base']);
    errors.show(
      problem([
        ['code', 'code must be 2-40 upper-case letters'],
        ['saleUnits.0.base', 'must not be less than 1'],
      ]),
    );
    expect(errors.of('code')).toBe('code must be 2-40 upper-case letters');
    expect(errors.of('saleUnits.0.base')).toBe('must not be less than 1');
    expect(errors.of('name')).toBe('');
    expect(errors.message.value).toBe('Invalid request');
  });

  it('names a bad field the form does not show in the form message, and a business refusal as it is', () => {
    const errors = useFormErrors(['code']);
    errors.show(
      problem([
        ['code', 'bad'],
        ['kind', 'must be one of …'],
      ]),
    );
    expect(errors.of('code')).toBe('bad');
    expect(errors.message.value).toContain('kind: must be one of …');
    errors.show(new ApiProblem(409, 'ALREADY_EXISTS', 'warehouse LC-1 already exists'));
    expect(errors.of('code')).toBe('');
    expect(errors.message.value).toBe('warehouse LC-1 already exists');
    errors.clear();
    expect(errors.message.value).toBe('');
  });

  it('submits with a fresh idempotency key each time and resolves undefined when refused', async () => {
    const errors = useFormErrors(['code']);
    const keys: string[] = [];
    let refuse = true;
    const { submit, busy } = useSubmit(errors, async (key) => {
      keys.push(key);
      if (refuse) throw problem([['code', 'bad']]);
      return 'done';
    });
    expect(await submit()).toBeUndefined();
    expect(errors.of('code')).toBe('bad');
    refuse = false;
    expect(await submit()).toBe('done');
    expect(errors.of('code')).toBe('');
    expect(busy.value).toBe(false);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('form errors of a form with rows', () => {
  it('takes a test for the fields the form shows', () => {
    const errors = useFormErrors((field) => /^saleUnits\.\d+\.(unit|base)$/.test(field));
    errors.show(
      new ApiProblem(400, 'VALIDATION_FAILED', 'Invalid request', [
        { field: 'saleUnits.3.unit', message: 'must not be blank' },
      ]),
    );
    expect(errors.of('saleUnits.3.unit')).toBe('must not be blank');
    expect(errors.message.value).toBe('Invalid request');
  });
});
