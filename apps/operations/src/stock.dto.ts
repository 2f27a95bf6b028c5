import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  GRADES,
  HOLDER_KINDS,
  INSPECTION_RESULTS,
  WRITE_OFF_REASONS,
  type Grade,
  type HolderKind,
  type InspectionResult,
  type WriteOffReason,
} from '@gx/domain';
import { AfterQueryDto, IsCalendarDate, IsNotEqualTo } from '@gx/application';
import { CODE_PATTERN, UnitCostDto } from './catalog.dto';

export class OriginDto {
  @ApiProperty({ example: '冠县东古城镇前屯村' }) @IsString() @Length(1, 100) village: string;
  @ApiPropertyOptional({ example: 'A-3' }) @IsOptional() @IsString() @Length(1, 50) plot?: string;
}

export class InspectionDto {
  @ApiProperty({ enum: INSPECTION_RESULTS, description: 'pesticide-residue test result' })
  @IsIn(INSPECTION_RESULTS)
  result: InspectionResult;
  @ApiPropertyOptional({ example: 'NC-2026-1120-07' }) @IsOptional() @IsString() @Length(1, 50) testId?: string;
}

export class CreateReceiptDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF' }) @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' }) warehouse: string;
  @ApiProperty({ example: 'COOP-GX-PEAR' }) @Matches(CODE_PATTERN, { message: 'producer must be a producer code' }) producer: string;
  @ApiProperty({ example: 500000, description: 'base units (g or pieces)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantity: number;
  @ApiProperty({ type: OriginDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => OriginDto) origin: OriginDto;
  @ApiProperty({ example: '2026-11-20' }) @IsCalendarDate() harvestDate: string;
  @ApiPropertyOptional({ example: '2027-01-19', description: 'defaults to harvest date + shelf life' })
  @IsOptional()
  @IsCalendarDate()
  expiryDate?: string;
  @ApiProperty({ enum: GRADES }) @IsIn(GRADES) grade: Grade;
  @ApiProperty({ type: InspectionDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InspectionDto)
  inspection: InspectionDto;
  @ApiPropertyOptional({ type: UnitCostDto, description: 'defaults to the SKU cost' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UnitCostDto)
  cost?: UnitCostDto;
}

export class StockQueryDto extends AfterQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' }) warehouse?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku?: string;
}

/** Where: one SKU at one warehouse. */
export class StockAtDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF' }) @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' }) warehouse: string;
}

export class StockHistoryQueryDto extends StockAtDto {
  @ApiPropertyOptional({ example: '2026-11-28T08:00:00+08:00', description: 'the position as of this time (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 time' })
  asOf?: string;
}

export class WriteOffDto extends StockAtDto {
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) @IsString() @Length(1, 64) batchId: string;
  @ApiProperty({ example: 2500 }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) quantity: number;
  @ApiProperty({ enum: WRITE_OFF_REASONS }) @IsIn(WRITE_OFF_REASONS) reason: WriteOffReason;
  @ApiPropertyOptional({ example: '冷库温控故障' }) @IsOptional() @IsString() @Length(1, 500) note?: string;
}

export class InspectionClearanceDto extends StockAtDto {
  @ApiProperty({ type: InspectionDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InspectionDto)
  inspection: InspectionDto;
}

export class HolderDto extends StockAtDto {
  @ApiProperty({ example: 'PHONE-ORDER-0042' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/, { message: 'holder must be 1-100 letters, digits or : . _ -' })
  holder: string;
}

export class ReservationDto extends HolderDto {
  @ApiProperty({ enum: HOLDER_KINDS }) @IsIn(HOLDER_KINDS) holderKind: HolderKind;
  @ApiProperty({ example: 5000 }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) quantity: number;
}

export class ReleaseDto extends HolderDto {
  @ApiPropertyOptional({ description: 'unallocated quantity to release; absent releases everything the holder has' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantity?: number;
  @ApiProperty({ example: 'order cancelled' }) @IsString() @Length(1, 200) reason: string;
}

export class AllocateDto extends HolderDto {
  @ApiPropertyOptional({ description: 'default: all of the reservation' }) @IsOptional() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) quantity?: number;
}

export class IssueDto extends HolderDto {
  @ApiProperty({ example: 'shipped to customer' }) @IsString() @Length(1, 200) reason: string;
}

export class TransferDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF' }) @Matches(CODE_PATTERN, { message: 'from must be a warehouse code' }) from: string;
  @ApiProperty({ example: 'LC-VP-DCF-01' })
  @Matches(CODE_PATTERN, { message: 'to must be a warehouse code' })
  @IsNotEqualTo('from', { message: 'to must be another warehouse than from' })
  to: string;
  @ApiProperty({ example: 100000 }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) quantity: number;
}

export class ReceivedLineDto {
  @ApiProperty() @IsString() @Length(1, 64) batchId: string;
  @ApiProperty() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) quantity: number;
}

export class TransferReceiptDto {
  @ApiPropertyOptional({ type: [ReceivedLineDto], description: 'received per batch; absent: everything sent arrived' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReceivedLineDto)
  received?: ReceivedLineDto[];
}

export class TransferListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ enum: ['in_transit', 'received'] }) @IsOptional() @IsIn(['in_transit', 'received']) status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' }) warehouse?: string;
}

export class ExpiringQueryDto extends AfterQueryDto {
  @ApiProperty({ example: 7 }) @Type(() => Number) @IsInt({ message: 'days must be a whole number' }) @Min(0) @Max(3650) days: number;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' }) warehouse?: string;
}

export class StuckQueryDto extends AfterQueryDto {
  @ApiProperty({ example: 24 }) @Type(() => Number) @IsInt({ message: 'hours must be a whole number' }) @Min(0) @Max(87_600) hours: number;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' }) warehouse?: string;
}
