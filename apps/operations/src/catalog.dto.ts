import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
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
import { IsIdentifierText, IsObjectArray, IsPlainText } from '@gx/application';

/** Codes are upper-case letters, digits and dashes, e.g. `LC-HUB-DCF`. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const CODE_MESSAGE = 'must be 2-40 upper-case letters, digits or dashes';

export class CreateWarehouseDto {
  @ApiProperty({ example: 'LC-HUB-DCF' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '东昌府区供销综合集配中心' }) @IsPlainText(100) name: string;
  @ApiProperty({ enum: WAREHOUSE_KINDS }) @IsIn(WAREHOUSE_KINDS) kind: WarehouseKind;
  @ApiProperty({ example: '东昌府区' }) @IsPlainText(50) county: string;
}

export class SaleUnitDto {
  @ApiProperty({ example: '斤' }) @IsIdentifierText(20) unit: string;
  @ApiProperty({ example: 500, description: 'base units in one sale unit' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  base: number;
}

export class CreateSkuDto {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '冠县鸭梨' }) @IsPlainText(100) name: string;
  @ApiProperty({ example: 'fruit' }) @IsIdentifierText(50) category: string;
  @ApiProperty({ enum: BASE_UNITS }) @IsIn(BASE_UNITS) baseUnit: BaseUnit;
  @ApiProperty({ type: [SaleUnitDto] })
  @IsObjectArray(() => SaleUnitDto)
  @ArrayMinSize(1)
  saleUnits: SaleUnitDto[];
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(3650) shelfLifeDays: number;
  @ApiProperty({ enum: STORAGE_CLASSES }) @IsIn(STORAGE_CLASSES) storage: StorageClass;
  @ApiProperty({ description: 'the regional brand 聊·胜一筹' }) @IsBoolean() regionalBrand: boolean;
  @ApiProperty({ example: 600, description: 'cost at which stock is valued: fen per costPerBase base units' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  costFen: number;
  @ApiProperty({ example: 1000, description: 'base units costFen is for' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  costPerBase: number;
  @ApiPropertyOptional({ example: '冠县' }) @IsOptional() @IsPlainText(100) defaultOrigin?: string;
}

export class CreateProducerDto {
  @ApiProperty({ example: 'COOP-GX-PEAR' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '冠县鸭梨种植专业合作社' }) @IsPlainText(100) name: string;
  @ApiProperty({ enum: PRODUCER_KINDS }) @IsIn(PRODUCER_KINDS) kind: ProducerKind;
  @ApiProperty({ example: '冠县' }) @IsPlainText(50) county: string;
}

/** Opening hours `HH:MM-HH:MM` (Asia/Shanghai). */
export const HOURS_PATTERN = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
export const HOURS_MESSAGE = 'hours must look like 08:00-20:00';

/** Latitude and longitude of a pickup point (both or neither). */
export class CoordinatesDto {
  @ApiPropertyOptional({ example: 36.4567, description: 'WGS-84 latitude, -90..90 (with lng)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number;
  @ApiPropertyOptional({ example: 115.9854, description: 'WGS-84 longitude, -180..180 (with lat)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng?: number;
}

export class CreatePickupPointDto extends CoordinatesDto {
  @ApiProperty({ example: 'PP-DCF-01' }) @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` }) code: string;
  @ApiProperty({ example: '道口铺社区自提点' }) @IsPlainText(100) name: string;
  @ApiProperty({ example: 'LC-VP-DCF-01' })
  @Matches(CODE_PATTERN, { message: `warehouse ${CODE_MESSAGE}` })
  warehouse: string;
  @ApiProperty({ example: '08:00-20:00' })
  @Matches(HOURS_PATTERN, { message: HOURS_MESSAGE })
  hours: string;
  @ApiPropertyOptional({ example: '山东省聊城市东昌府区道口铺街道幸福路12号' })
  @IsOptional()
  @IsPlainText(200)
  address?: string;
}
