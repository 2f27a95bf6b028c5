import { ApiProperty } from '@nestjs/swagger';
import { BASE_UNITS, type BaseUnit } from '@gx/domain';

/** A unit something is sold or priced in: `base` base units make one `unit` (斤 = 500 g, 箱(5kg) = 5000 g, 盒 of 30 eggs = 30 pieces). */
export class SaleUnitView {
  @ApiProperty({ example: '箱(5kg)' }) unit: string;
  @ApiProperty({ example: 5000, description: 'base units (grams or pieces) in one unit' }) base: number;
}

/** Base units taken from (or counted in) one batch. */
export class BatchQuantityView {
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) batchId: string;
  @ApiProperty({ example: 5000, description: 'base units (see baseUnit)' }) quantityBase: number;
}

/** The log position a command's answer carries: read with `?after=` to see its effects. */
export class PositionView {
  @ApiProperty({
    example: '1042',
    description: 'log position of the command’s last event (decimal string); pass as ?after= to read your own write',
  })
  position: string;
}

/** `baseUnit` of the SKU: the unit of every `…Base` quantity. */
export const BASE_UNIT_PROPERTY = {
  enum: BASE_UNITS,
  example: 'g',
  description: 'the SKU’s base unit: grams for weighed goods, pieces for counted ones; every `…Base` quantity is in it',
} as const;
export type { BaseUnit };
