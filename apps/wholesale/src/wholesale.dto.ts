import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  MaxLength,
} from 'class-validator';
import { MAX_EXTENSION_SECONDS, SETTLEMENT_METHODS, type LotPhase, type SettlementMethod } from '@gx/domain';
import { AfterQueryDto, IsIdentifierText, IsPlainText } from '@gx/application';

/** Codes are upper-case letters, digits and dashes, e.g. `LC-MKT-01`. */
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const BATCH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
/** Most fen a price may be: ¥10,000,000 per unit. */
const MAX_FEN = 1_000_000_000;
export const LOT_PHASES: LotPhase[] = ['scheduled', 'open', 'closing', 'sold', 'unsold', 'withdrawn'];

export class ListLotDto {
  @ApiProperty({ example: 'LC-MKT-01', description: 'a market warehouse' })
  @Matches(CODE_PATTERN, { message: 'warehouse must be a warehouse code' })
  warehouse: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: 'sku must be a SKU code' }) sku: string;
  @ApiProperty({
    example: 'B-20261125-1a2b3c4d5e6f',
    description: 'the batch the lot is cut from: grade, origin and inspection come from it',
  })
  @Matches(BATCH_PATTERN, { message: 'batchId must be a batch id' })
  batchId: string;
  @ApiProperty({
    example: 500_000,
    description:
      "base units (grams or pieces: the SKU's baseUnit); a whole number of the sale unit (500000 g = 100 箱(5kg))",
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
  @ApiPropertyOptional({
    example: '箱(5kg)',
    description: "the trading unit, one of the SKU's sale units (default: its first); every price is fen per this unit",
  })
  @IsOptional()
  @IsIdentifierText(20)
  saleUnit?: string;
  @ApiProperty({ example: 3000, description: 'fen per sale unit' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  startPriceFen: number;
  @ApiPropertyOptional({
    example: 3600,
    description: 'fen per sale unit; 0 or absent: no reserve. Never shown to buyers',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  reservePriceFen?: number;
  @ApiProperty({ example: 100, description: 'minimum increment, fen per sale unit' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  incrementFen: number;
  @ApiPropertyOptional({ example: '2026-11-28T09:00:00+08:00', description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  opensAt?: string;
  @ApiProperty({ example: '2026-11-28T11:00:00+08:00' }) @IsISO8601({ strict: true }) closesAt: string;
  @ApiPropertyOptional({
    example: 60,
    description:
      'anti-sniping window N: a price change in the last N seconds extends the close by N seconds (default 60)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_EXTENSION_SECONDS)
  extensionSeconds?: number;
  @ApiPropertyOptional({ example: '特级鸭梨，5kg 纸箱装' })
  @IsOptional()
  @IsPlainText(500, { multiline: true })
  notes?: string;
  @ApiPropertyOptional({ type: [String], example: ['https://example.com/lot.jpg'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ require_protocol: true }, { each: true, message: 'photos must be URLs' })
  photos?: string[];
}

export class LotListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({
    enum: LOT_PHASES,
    description:
      "where lots stand now, the same value as each answer's `status`: scheduled (not open yet), open, closing (past closesAt, being settled), sold, unsold, withdrawn (taken off before any bid)",
  })
  @IsOptional()
  @IsIn(LOT_PHASES, { message: `status must be one of ${LOT_PHASES.join(', ')}` })
  status?: LotPhase;
}

export class PlaceBidDto {
  @ApiProperty({
    example: 3100,
    description:
      "fen per sale unit (the lot's saleUnit): at least the lot's minimumBidFen (the current price plus the increment)",
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  pricePerUnitFen: number;
  @ApiPropertyOptional({
    example: 3800,
    description: 'hidden maximum (fen per sale unit) a proxy may bid up to; never shown to others',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  maxPricePerUnitFen?: number;
}

export class LiveQueryDto {
  @ApiPropertyOptional({
    description: 'bearer token, for EventSource clients that cannot send an Authorization header',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  access_token?: string;
  @ApiPropertyOptional({
    description:
      'the id of the last frame seen, for clients that re-open the stream themselves (EventSource sends it as the Last-Event-ID header)',
  })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'lastEventId must be a frame id (a whole number)' })
  lastEventId?: string;
}

export class RegisterBuyerDto {
  @ApiProperty({ example: 'buyer3' })
  @Matches(/^[a-z][a-z0-9_.-]{2,39}$/, { message: 'username must be 3-40 lower-case letters, digits, _ . -' })
  username: string;
  @ApiProperty({ example: '阳谷果品批发' }) @IsPlainText(100) displayName: string;
  @ApiProperty({ example: 'a-strong-password' }) @IsString() @MinLength(8) @MaxLength(200) password: string;
  @ApiPropertyOptional({ example: 'BUYER-LC-003', description: 'default: derived from the username' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'buyerId must be a code' })
  buyerId?: string;
}

export class CreditLimitDto {
  @ApiProperty({ example: 20_000_000, description: 'credit limit in fen (20000000 = ¥200,000)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  creditLimitFen: number;
}

export class SettleSaleDto {
  @ApiPropertyOptional({ example: 400_000, description: 'fen; default: everything outstanding' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;
  @ApiProperty({ enum: SETTLEMENT_METHODS }) @IsIn(SETTLEMENT_METHODS) method: SettlementMethod;
  @ApiPropertyOptional({ example: '工行转账 20261128-0012' }) @IsOptional() @IsIdentifierText(100) reference?: string;
}

export class SaleListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ description: 'operators only: sales of one buyer' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: 'buyer must be a code' })
  buyer?: string;
  @ApiPropertyOptional({ enum: ['payment_due', 'settled'], description: 'only sales in this status' })
  @IsOptional()
  @IsIn(['payment_due', 'settled'])
  status?: 'payment_due' | 'settled';
}
