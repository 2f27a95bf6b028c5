import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  GRADES,
  INSPECTION_RESULTS,
  WRITE_OFF_REASONS,
  type Grade,
  type InspectionResult,
  type WriteOffReason,
} from '@gx/domain';
import {
  AfterQueryDto,
  IsCalendarDate,
  IsIdentifierText,
  IsNestedObject,
  IsNotEqualTo,
  IsObjectArray,
  IsPlainText,
  MANUAL_HOLDER_KINDS,
} from '@gx/application';
import { CODE_PATTERN } from './catalog.dto';

export class OriginDto {
  @ApiProperty({ example: '冠县东古城镇前屯村' }) @IsPlainText(100) village: string;
  @ApiPropertyOptional({ example: 'A-3' }) @IsOptional() @IsPlainText(50) plot?: string;
}

export class InspectionDto {
  @ApiProperty({ enum: INSPECTION_RESULTS, description: 'pesticide-residue test result' })
  @IsIn(INSPECTION_RESULTS)
  result: InspectionResult;
  @ApiPropertyOptional({ example: 'NC-2026-1120-07' }) @IsOptional() @IsIdentifierText(50) testId?: string;
}

export class CreateReceiptDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF' })
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse: string;
  @ApiProperty({ example: 'COOP-GX-PEAR' })
  @Matches(CODE_PATTERN, { message: 'producer must be a producer code' })
  producer: string;
  @ApiProperty({ example: 500000, description: 'base units (g or pieces: the SKU’s baseUnit)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
  @ApiProperty({ type: OriginDto }) @IsNestedObject(() => OriginDto) origin: OriginDto;
  @ApiProperty({ example: '2026-11-20' }) @IsCalendarDate() harvestDate: string;
  @ApiPropertyOptional({ example: '2027-01-19', description: 'defaults to harvest date + shelf life' })
  @IsOptional()
  @IsCalendarDate()
  expiryDate?: string;
  @ApiProperty({ enum: GRADES }) @IsIn(GRADES) grade: Grade;
  @ApiProperty({ type: InspectionDto })
  @IsNestedObject(() => InspectionDto)
  inspection: InspectionDto;
  @ApiPropertyOptional({
    example: 600,
    description: 'cost: fen per costPerBase base units (give both, or neither for the SKU’s cost)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  costFen?: number;
  @ApiPropertyOptional({ example: 1000, description: 'base units costFen is for' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  costPerBase?: number;
}

export class StockQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ description: 'only stock at this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
  @ApiPropertyOptional({ description: 'only stock of this SKU' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' })
  sku?: string;
}

/** Where: one SKU at one warehouse. */
export class StockAtDto {
  @ApiProperty({ example: 'SKU-PEAR-GX', description: 'SKU code' })
  @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' })
  sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF', description: 'warehouse code' })
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse: string;
}

export class StockHistoryQueryDto extends StockAtDto {
  @ApiPropertyOptional({
    example: '2026-11-28',
    description:
      'the position as of this time (default: now); a date alone means the end of that day in Beijing (Asia/Shanghai)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 time' })
  asOf?: string;
}

export class WriteOffDto extends StockAtDto {
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) @IsIdentifierText(64) batchId: string;
  @ApiProperty({ example: 2500, description: 'base units' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
  @ApiProperty({ enum: WRITE_OFF_REASONS }) @IsIn(WRITE_OFF_REASONS) reason: WriteOffReason;
  @ApiPropertyOptional({ example: '冷库温控故障' }) @IsOptional() @IsPlainText(500, { multiline: true }) note?: string;
}

export class InspectionClearanceDto extends StockAtDto {
  @ApiProperty({ type: InspectionDto })
  @IsNestedObject(() => InspectionDto)
  inspection: InspectionDto;
}

export class HolderDto extends StockAtDto {
  @ApiProperty({ example: 'PHONE-ORDER-0042' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/, { message: 'holder must be 1-100 letters, digits or : . _ -' })
  holder: string;
}

export class ReservationDto extends HolderDto {
  @ApiProperty({
    enum: MANUAL_HOLDER_KINDS,
    description:
      'order (e.g. a phone order) or other; campaigns, lots and deliveries hold stock through their channels',
  })
  @IsIn(MANUAL_HOLDER_KINDS)
  holderKind: (typeof MANUAL_HOLDER_KINDS)[number];
  @ApiProperty({ example: 5000, description: 'base units' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
}

export class ReleaseDto extends HolderDto {
  @ApiPropertyOptional({ description: 'unallocated base units to release; absent releases everything the holder has' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase?: number;
  @ApiProperty({ example: 'order cancelled' }) @IsPlainText(200) reason: string;
}

export class AllocateDto extends HolderDto {
  @ApiPropertyOptional({ description: 'base units; default: all of the reservation' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase?: number;
}

export class IssueDto extends HolderDto {
  @ApiProperty({ example: 'shipped to customer' }) @IsPlainText(200) reason: string;
}

export class TransferDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF' })
  @Matches(CODE_PATTERN, { message: 'from must be a warehouse code' })
  from: string;
  @ApiProperty({ example: 'LC-VP-DCF-01' })
  @Matches(CODE_PATTERN, { message: 'to must be a warehouse code' })
  @IsNotEqualTo('from', { message: 'to must be another warehouse than from' })
  to: string;
  @ApiProperty({ example: 100000, description: 'base units' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
}

export class ReceivedLineDto {
  @ApiProperty() @IsIdentifierText(64) batchId: string;
  @ApiProperty({ description: 'base units that arrived of this batch' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
}

export class TransferReceiptDto {
  @ApiPropertyOptional({ type: [ReceivedLineDto], description: 'received per batch; absent: everything sent arrived' })
  @IsOptional()
  @IsObjectArray(() => ReceivedLineDto)
  received?: ReceivedLineDto[];
}

export class TransferListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ enum: ['in_transit', 'received'], description: 'only transfers in this status' })
  @IsOptional()
  @IsIn(['in_transit', 'received'])
  status?: string;
  @ApiPropertyOptional({ description: 'only transfers leaving or reaching this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
}

export class ExpiringQueryDto extends AfterQueryDto {
  @ApiProperty({
    example: 7,
    description: 'batches expiring within this many days (Beijing dates; expired ones included)',
  })
  @Type(() => Number)
  @IsInt({ message: 'days must be a whole number' })
  @Min(0)
  @Max(3650)
  days: number;
  @ApiPropertyOptional({ description: 'only this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
}

export class StuckQueryDto extends AfterQueryDto {
  @ApiProperty({ example: 24, description: 'holds older than this many hours' })
  @Type(() => Number)
  @IsInt({ message: 'hours must be a whole number' })
  @Min(0)
  @Max(87_600)
  hours: number;
  @ApiPropertyOptional({ description: 'only this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
}
