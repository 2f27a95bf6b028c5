import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { COUNT_STATUSES, type CountStatus } from '@gx/domain';
import { AfterQueryDto, IsObjectArray, IsPlainText } from '@gx/application';
import { CODE_PATTERN } from './catalog.dto';

/** Batch ids are codes too (e.g. `B-20261120-1a2b3c4d5e6f`). */
const BATCH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** A business month, YYYY-MM. */
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Most lines one request enters. */
const MAX_LINES = 1000;

/** The decorated value, when both are given, is not before the value of `property` (works for YYYY-MM). */
function NotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notBefore',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must not be before ${property}`, ...options },
      validator: {
        validate(value: unknown, args) {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          return typeof value !== 'string' || typeof other !== 'string' || value >= other;
        },
      },
    });
}

export class OpenCountDto {
  @ApiProperty({ example: 'LC-HUB-DCF' })
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['SKU-PEAR-GX'],
    description: 'SKUs to count; absent or empty: every SKU with stock at the warehouse',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique({ message: 'skus must not repeat a SKU' })
  @Matches(CODE_PATTERN, { each: true, message: 'skus must be SKU codes' })
  skus?: string[];
}

export class CountLineDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' })
  @Matches(BATCH_PATTERN, { message: 'batchId must be a batch id' })
  batchId: string;
  @ApiProperty({ example: 49_500, description: "base units found (grams or pieces: the SKU's baseUnit), 0 or more" })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  countedBase: number;
}

export class RecordCountLinesDto {
  @ApiProperty({ type: [CountLineDto], description: 'a line for a batch already counted replaces it (a recount)' })
  @IsObjectArray(() => CountLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((line: CountLineDto) => `${String(line?.sku)}|${String(line?.batchId)}`, {
    message: 'lines must not repeat a batch',
  })
  lines: CountLineDto[];
}

export class CancelCountDto {
  @ApiPropertyOptional({ example: '盘点范围有误' }) @IsOptional() @IsPlainText(200) reason?: string;
}

export class CountListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ description: 'only counts at this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
  @ApiPropertyOptional({ enum: COUNT_STATUSES, description: 'only counts in this status' })
  @IsOptional()
  @IsIn(COUNT_STATUSES)
  status?: CountStatus;
}

export class VarianceQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ description: 'only this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
  @ApiPropertyOptional({ description: 'only this SKU' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' })
  sku?: string;
  @ApiPropertyOptional({ example: '2026-11', description: 'first month (YYYY-MM, Asia/Shanghai), inclusive' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'from must be a month written YYYY-MM' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12', description: 'last month (YYYY-MM, Asia/Shanghai), inclusive' })
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'to must be a month written YYYY-MM' })
  @NotBefore('from')
  to?: string;
}
