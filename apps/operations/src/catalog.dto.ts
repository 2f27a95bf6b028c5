import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsObject,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BASE_UNITS,
  PRODUCER_KINDS,
  STORAGE_CLASSES,
  WAREHOUSE_KINDS,
  type BaseUnit,
  type ProducerKind,
  type StorageClass,
  type WarehouseKind,
} from '@gx/domain';

/** Codes are upper-case letters, digits and dashes, e.g. `LC-HUB-DCF`. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const CODE_MESSAGE = 'must be 2-40 upper-case letters, digits or dashes';

export class CreateWarehouseDto {
  @ApiProperty({ example: 'LC-HUB-DCF' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '东昌府区供销综合集配中心' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ enum: WAREHOUSE_KINDS }) @IsIn(WAREHOUSE_KINDS) kind: WarehouseKind;
  @ApiProperty({ example: '东昌府区' }) @IsString() @Length(1, 50) county: string;
}

export class SaleUnitDto {
  @ApiProperty({ example: '斤' }) @IsString() @Length(1, 20) unit: string;
  @ApiProperty({ example: 500, description: 'base units in one sale unit' }) @IsInt() @Min(1) @Max(1_000_000) base: number;
}

export class UnitCostDto {
  @ApiProperty({ example: 1000, description: 'base units the price is for' }) @IsInt() @Min(1) @Max(1_000_000) per: number;
  @ApiProperty({ example: 600, description: 'fen' }) @IsInt() @Min(0) @Max(100_000_000) fen: number;
}

export class CreateSkuDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '冠县鸭梨' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: 'fruit' }) @IsString() @Length(1, 50) category: string;
  @ApiProperty({ enum: BASE_UNITS }) @IsIn(BASE_UNITS) baseUnit: BaseUnit;
  @ApiProperty({ type: [SaleUnitDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SaleUnitDto)
  saleUnits: SaleUnitDto[];
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(3650) shelfLifeDays: number;
  @ApiProperty({ enum: STORAGE_CLASSES }) @IsIn(STORAGE_CLASSES) storage: StorageClass;
  @ApiProperty({ description: 'the regional brand 聊·胜一筹' }) @IsBoolean() regionalBrand: boolean;
  @ApiProperty({ type: UnitCostDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => UnitCostDto) cost: UnitCostDto;
  @ApiPropertyOptional({ example: '冠县' }) @IsOptional() @IsString() @Length(1, 100) defaultOrigin?: string;
}

export class CreateProducerDto {
  @ApiProperty({ example: 'COOP-GX-PEAR' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '冠县鸭梨种植专业合作社' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ enum: PRODUCER_KINDS }) @IsIn(PRODUCER_KINDS) kind: ProducerKind;
  @ApiProperty({ example: '冠县' }) @IsString() @Length(1, 50) county: string;
}

export class CreatePickupPointDto {
  @ApiProperty({ example: 'PP-DCF-01' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '道口铺社区自提点' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: 'LC-VP-DCF-01' }) @Matches(CODE_PATTERN, { message: `warehouse ${CODE_MESSAGE}` }) warehouse: string;
  @ApiProperty({ example: '08:00-20:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: 'hours must look like 08:00-20:00' })
  hours: string;
}
