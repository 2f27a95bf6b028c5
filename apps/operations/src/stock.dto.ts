import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GRADES, INSPECTION_RESULTS, type Grade, type InspectionResult } from '@gx/domain';
import { AfterQueryDto, IsCalendarDate } from '@gx/application';
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
