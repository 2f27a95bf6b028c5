import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe } from './validation';

class Address {
  @IsString()
  city: string;
}

class Line {
  @IsString()
  sku: string;

  @IsInt()
  @Min(1)
  quantity: number;
}

class Order {
  @IsString()
  customer: string;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines: Line[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Address)
  address?: Address;
}

async function problemFor(value: unknown): Promise<ProblemException> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Order });
  } catch (e) {
    if (e instanceof ProblemException) return e;
    throw e;
  }
  throw new Error('expected the pipe to refuse the value');
}

describe('validation problems', () => {
  it('name every bad field with dotted paths into objects and arrays', async () => {
    const problem = await problemFor({
      customer: 1,
      lines: [
        { sku: 'A', quantity: 1 },
        { sku: 2, quantity: 0 },
      ],
      address: {},
    });
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field)).toEqual([
      'customer',
      'lines.1.sku',
      'lines.1.quantity',
      'address.city',
    ]);
    expect(problem.detail).toBe('Invalid request: customer, lines.1.sku, lines.1.quantity, address.city');
  });

  it('name properties that are not allowed, at any depth', async () => {
    const problem = await problemFor({ customer: 'c', lines: [{ sku: 'A', quantity: 1, price: 5 }], admin: true });
    expect(problem.errors).toHaveLength(2);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'lines.0.price', message: 'property price should not exist' },
        { field: 'admin', message: 'property admin should not exist' },
      ]),
    );
  });

  it('say a field that was not sent is required', async () => {
    const problem = await problemFor({ lines: [{ sku: 'A' }] });
    expect(problem.errors).toEqual([
      { field: 'customer', message: 'customer is required' },
      { field: 'lines.0.quantity', message: 'lines.0.quantity is required' },
    ]);
  });

  it('refuse properties named like inherited ones, which class-transformer would drop silently', async () => {
    const body = JSON.parse(
      '{"customer":"c","toString":"x","lines":[{"sku":"A","quantity":1,"hasOwnProperty":1,"__proto__":{"admin":true}}]}',
    );
    const problem = await problemFor(body);
    expect(problem.errors).toEqual([
      { field: 'lines.0.__proto__', message: 'property __proto__ should not exist' },
      { field: 'lines.0.hasOwnProperty', message: 'property hasOwnProperty should not exist' },
      { field: 'toString', message: 'property toString should not exist' },
    ]);
  });

  it('refuse a body that is not an object', async () => {
    const fieldsOf = async (value: unknown) => (await problemFor(value)).errors?.map((e) => e.field);
    expect(await fieldsOf('just a string')).toEqual(['customer']);
    expect(await fieldsOf([1, 2])).toEqual(['0', '1', 'customer']);
  });

  it('transform a valid body into the DTO class', async () => {
    const value = await createValidationPipe().transform(
      { customer: 'c', lines: [{ sku: 'A', quantity: 2 }] },
      { type: 'body', metatype: Order },
    );
    expect(value).toBeInstanceOf(Order);
    expect((value as Order).lines[0]).toBeInstanceOf(Line);
  });
});
