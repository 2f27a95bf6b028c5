import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CAMPAIGN_STATUSES } from '@gx/domain';
import { AfterQueryDto, IsCalendarDate } from '@gx/application';

export class DayDeadlinesQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-02',
    description: 'the business day (Asia/Shanghai); default today in Beijing',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

const LOT_PHASES = ['scheduled', 'open', 'closing', 'sold', 'unsold'];

export class CampaignCutoffView {
  @ApiProperty({ example: 'GB-0123456789ab' }) campaignId: string;
  @ApiProperty({ example: '冠县鸭梨 整箱 5kg 社区团购' }) title: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: 'LC-HUB-DCF', description: 'the supplying warehouse, holding the campaign quota' })
  warehouse: string;
  @ApiProperty({ example: 'PP-DCF-01' }) pickupPoint: string;
  @ApiProperty({ example: '2026-12-02T10:00:00.000Z' }) cutoffAt: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: string;
}

export class LotCloseView {
  @ApiProperty({ example: 'LOT-0123456789ab' }) lotId: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: 'LC-MKT-01' }) warehouse: string;
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) batchId: string;
  @ApiProperty({ example: '2026-12-02T06:00:00.000Z', description: 'the close as extended by late bids' })
  closesAt: string;
  @ApiProperty({ enum: LOT_PHASES, description: 'where the lot stands now' }) phase: string;
}

export class KitchenCutoffView {
  @ApiProperty({ example: 'SO-0123456789ab' }) standingOrderId: string;
  @ApiProperty({ example: 'KITCHEN-LC-01' }) kitchen: string;
  @ApiProperty({ example: 'LC-HUB-DCF' }) warehouse: string;
  @ApiProperty({ example: '2026-12-03', description: 'the delivery date this cut-off closes' }) deliveryDate: string;
  @ApiProperty({ example: '2026-12-02T08:00:00.000Z' }) cutoffAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the delivery the cut-off generated; null while it is ahead',
  })
  deliveryId: string | null;
}

export class DayDeadlinesView {
  @ApiProperty({ example: '2026-12-02' }) date: string;
  @ApiProperty({ type: [CampaignCutoffView] }) campaignCutoffs: CampaignCutoffView[];
  @ApiProperty({ type: [LotCloseView] }) lotCloses: LotCloseView[];
  @ApiProperty({ type: [KitchenCutoffView] }) kitchenCutoffs: KitchenCutoffView[];
}
