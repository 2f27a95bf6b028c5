import { ApiProblem, describeProblem, errorMessage, toProblem } from './problem';

describe('problem+json messages', () => {
  const validation = {
    type: 'urn:gx:problem:validation-failed',
    title: 'Validation failed',
    status: 400,
    detail: 'The request is invalid',
    code: 'VALIDATION_FAILED',
    errors: [
      { field: 'harvestDate', message: 'harvestDate must be a date (YYYY-MM-DD)' },
      { field: 'origin.village', message: 'origin.village should not be empty' },
    ],
  };

  it('names every bad field after the detail', () => {
    expect(describeProblem(validation)).toBe(
      'The request is invalid — harvestDate: harvestDate must be a date (YYYY-MM-DD); origin.village: origin.village should not be empty',
    );
  });

  it('keeps the stable code and the fields on the error', () => {
    const problem = toProblem(validation, 400);
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.fields.map((f) => f.field)).toEqual(['harvestDate', 'origin.village']);
    expect(errorMessage(problem)).toContain('harvestDate:');
  });

  it('keeps the numeric extension members as figures, and nothing of the standard members', () => {
    const tooLow = {
      type: 'urn:gx:problem:bid-too-low',
      title: 'Bid too low',
      status: 422,
      detail: 'the lowest acceptable bid is 410 fen per 斤',
      code: 'BID_TOO_LOW',
      minimumBidFen: 410,
      note: 'text',
      correlationId: 'c-1',
    };
    expect(toProblem(tooLow, 422).figures).toEqual({ minimumBidFen: 410 });
    expect(toProblem(validation, 400).figures).toEqual({});
  });

  it('falls back to the title or the status for bodies that are no problem document', () => {
    expect(describeProblem({ title: 'Forbidden' })).toBe('Forbidden');
    expect(describeProblem('<html>', 502)).toBe('HTTP 502');
    expect(toProblem(null, 503).code).toBe('HTTP_503');
  });
});
