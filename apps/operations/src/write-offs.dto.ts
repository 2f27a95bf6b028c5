import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { AfterQueryDto, BASE_UNIT_PROPERTY, IsCalendarDate } from '@gx/application';
import { WRITE_OFF_REASONS, type BaseUnit } from '@gx/domain';
import { CODE_PATTERN, SaleUnitDto } from './catalog.dto';

export class WriteOffListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ example: 'LC-HUB-SX', description: 'only this warehouse' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse?: string;
  @ApiPropertyOptional({ example: 'SKU-TOMATO-SX', description: 'only this SKU' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' })
  sku?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'from this business day (Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'to this business day (Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** A write-off as the log lists it. */
export class WriteOffEntryView {
  @ApiProperty({ example: 'SKU-TOMATO-SX' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-SX' }) warehouse: string;
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) batchId: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ example: 2500, description: 'base units (see baseUnit) written off' }) quantityBase: number;
  @ApiProperty({ type: SaleUnitDto, nullable: true, description: "the SKU's first sale unit, to show the quantity in" })
  saleUnit: SaleUnitDto | null;
  @ApiProperty({ example: 750, description: "at the batch's cost, fen" }) valueFen: number;
  @ApiProperty({ enum: WRITE_OFF_REASONS }) reason: string;
  @ApiPropertyOptional({ example: '冷库温控故障' }) note?: string;
  @ApiProperty({ example: 'operator1' }) by: string;
  @ApiProperty({ example: '2026-12-02T11:00:00+08:00', description: 'Beijing time with its offset' }) at: string;
  @ApiProperty({ example: '1234', description: 'log position of the write-off' }) position: string;
}

export class WriteOffListView {
  @ApiProperty({ type: [WriteOffEntryView] }) items: WriteOffEntryView[];
}
