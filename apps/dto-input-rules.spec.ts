import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import * as kitchen from './kitchen/src/kitchen.dto';
import * as catalog from './operations/src/catalog.dto';
import * as counts from './operations/src/counts.dto';
import * as stock from './operations/src/stock.dto';
import * as storefront from './storefront/src/group-buy.dto';
import * as wholesale from './wholesale/src/wholesale.dto';

type DtoClass = new () => object;

/** Every DTO class the four apps export. */
const DTOS: Array<[string, DtoClass]> = [kitchen, catalog, counts, stock, storefront, wholesale].flatMap((module) =>
  Object.entries(module).filter(
    (entry): entry is [string, DtoClass] => typeof entry[1] === 'function' && entry[0].endsWith('Dto'),
  ),
);

/** Properties validated as nested objects: [dto, property, each element of an array?, optional?]. */
const NESTED = DTOS.flatMap(([name, dto]) => {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return metadata
    .filter((m) => m.type === 'nestedValidation')
    .map((m) => {
      const optional = metadata.some((o) => o.propertyName === m.propertyName && o.type === 'conditionalValidation');
      return [name, m.propertyName, dto, m.each === true, optional] as const;
    });
});

const errorsOn = async (dto: DtoClass, body: object, property: string): Promise<ValidationError | undefined> =>
  (await validate(plainToInstance(dto, body), { forbidUnknownValues: false })).find(
    (e) => e.property === property && e.constraints !== undefined,
  );

describe('DTOs: nested objects are objects', () => {
  it('finds the nested DTO properties of every app', () => {
    expect(NESTED.map(([name, property]) => `${name}.${property}`)).toEqual(
      expect.arrayContaining([
        'CreateSkuDto.saleUnits',
        'PlaceStandingOrderDto.lines',
        'PlaceStandingOrderDto.schedule',
        'RecordCountLinesDto.lines',
        'CreateReceiptDto.inspection',
      ]),
    );
  });

  it.each(NESTED.filter(([, , , each]) => each))(
    '%s.%s refuses an element that is a nested array, a string or null',
    async (_name, property, dto) => {
      for (const element of [[], ['x'], 'x', 7, null]) {
        expect(await errorsOn(dto, { [property]: [element] }, property)).toBeDefined();
      }
    },
  );

  it.each(NESTED.filter(([, , , each]) => !each))(
    '%s.%s refuses an array or a scalar in place of its object',
    async (_name, property, dto) => {
      for (const value of [[], [{}], 'x', 7])
        expect(await errorsOn(dto, { [property]: value }, property)).toBeDefined();
    },
  );

  it.each(NESTED.filter(([, , , , optional]) => !optional))('%s.%s is required', async (_name, property, dto) => {
    expect(await errorsOn(dto, {}, property)).toBeDefined();
  });
});
