import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
} from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '@gx/domain';
import {
  AfterQueryDto,
  IsCalendarDate,
  IsIdentifierText,
  IsNestedObject,
  IsObjectArray,
  IsPlainText,
} from '@gx/application';

/** Codes are upper-case letters, digits and dashes (`KITCHEN-LC-01`, `SKU-CABBAGE`, `LC-HUB-DCF`). */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
/** Ids of contracts, standing orders and deliveries (`CT-1a2b…`, `SO-1a2b…`, `SO-1a2b…-20261130`). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;
/** A business month, YYYY-MM. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_LINES = 50;
/** Most base units in one line: 100 t in grams. */
const MAX_QUANTITY = 100_000_000;

const code = (what: string) => ({ message: `${what} must be 2-40 upper-case letters, digits or dashes` });

export class ContractLineDto {
  @ApiProperty({ example: 'SKU-CABBAGE' }) @Matches(CODE_PATTERN, code('sku')) sku: string;
  @ApiProperty({
    example: 'kg',
    description: "the unit the price is for: the SKU's base unit (g, piece) or one of its sale units",
  })
  @IsIdentifierText(20)
  saleUnit: string;
  @ApiProperty({ example: 260, description: 'fen per saleUnit' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  unitPriceFen: number;
  @ApiPropertyOptional({
    example: 2_000_000,
    description: 'contracted total over the period, in base units (the SKU’s baseUnit)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  limitBase?: number;
}

export class CreateContractDto {
  @ApiProperty({ example: 'KITCHEN-LC-01' }) @Matches(CODE_PATTERN, code('kitchen')) kitchen: string;
  @ApiProperty({ example: '聊城一中食堂 蔬菜蛋类年度供货协议' }) @IsPlainText(100) title: string;
  @ApiProperty({ example: '2026-01-01', description: 'first day (Asia/Shanghai)' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31', description: 'last day (Asia/Shanghai)' }) @IsCalendarDate() to: string;
  @ApiProperty({ type: [ContractLineDto] })
  @IsObjectArray(() => ContractLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((l: ContractLineDto) => l?.sku, { message: 'lines must not repeat a SKU' })
  lines: ContractLineDto[];
}

/** Lists of a kitchen's records: operators may name the kitchen; a purchaser sees its own. */
export class KitchenListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({
    example: 'KITCHEN-LC-01',
    description: 'operators: only this kitchen’s (a purchaser always sees their own kitchen’s)',
  })
  @IsOptional()
  @Matches(CODE_PATTERN, code('kitchen'))
  kitchen?: string;
}

export class StandingLineDto {
  @ApiProperty({ example: 'SKU-CABBAGE' }) @Matches(CODE_PATTERN, code('sku')) sku: string;
  @ApiProperty({ example: 30_000, description: 'base units (g or pieces: the SKU’s baseUnit)' })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantityBase: number;
}

/** A line of one date's change: 0 drops the SKU that day. */
export class DateLineDto {
  @ApiProperty({ example: 'SKU-CABBAGE' }) @Matches(CODE_PATTERN, code('sku')) sku: string;
  @ApiProperty({ example: 20_000, description: 'base units; 0 drops the SKU that day' })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  quantityBase: number;
}

export class ScheduleDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays, 1 = Monday … 7 = Sunday (give this or rrule)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];
  @ApiPropertyOptional({
    example: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    description: 'RFC 5545 RRULE, DAILY or coarser, counted from startDate (give this or weekdays)',
  })
  @IsOptional()
  @IsIdentifierText(300)
  rrule?: string;
}

export class CutoffDto {
  @ApiProperty({ example: 1, description: 'days before the delivery date' })
  @IsInt()
  @Min(0)
  @Max(14)
  daysBefore: number;
  @ApiProperty({ example: '16:00', description: 'Asia/Shanghai, HH:MM or HH:MM:SS' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'time must be HH:MM or HH:MM:SS' })
  time: string;
}

export class PlaceStandingOrderDto {
  @ApiProperty({ example: 'CT-1a2b3c4d5e6f' })
  @Matches(ID_PATTERN, { message: 'contractId must be a contract id' })
  contractId: string;
  @ApiProperty({ example: 'LC-HUB-DCF', description: 'the supplying warehouse' })
  @Matches(CODE_PATTERN, code('warehouse'))
  warehouse: string;
  @ApiProperty({ example: '聊城市东昌府区 聊城一中食堂 后厨收货口' }) @IsPlainText(200) address: string;
  @ApiProperty({ type: [StandingLineDto] })
  @IsObjectArray(() => StandingLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((l: StandingLineDto) => l?.sku, { message: 'lines must not repeat a SKU' })
  lines: StandingLineDto[];
  @ApiProperty({ type: ScheduleDto }) @IsNestedObject(() => ScheduleDto) schedule: ScheduleDto;
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() startDate: string;
  @ApiPropertyOptional({ example: '2027-06-30', description: "default: the contract's last day" })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;
  @ApiPropertyOptional({ type: CutoffDto, description: 'default: 16:00 the day before' })
  @IsNestedObject(() => CutoffDto, { optional: true })
  cutoff?: CutoffDto;
  @ApiPropertyOptional({ example: ['2027-01-01'], description: 'dates not to deliver (holidays)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @IsCalendarDate({ each: true })
  skip?: string[];
}

export class StandingOrderQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ example: 14, description: 'how many coming delivery dates to list (default 14)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  upcoming?: number;
}

export class SkipDateDto {
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() date: string;
}

export class ChangeDateDto {
  @ApiProperty({ type: [DateLineDto] })
  @IsObjectArray(() => DateLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((l: DateLineDto) => l?.sku, { message: 'lines must not repeat a SKU' })
  lines: DateLineDto[];
}

/** Path of `PUT /standing-orders/{id}/dates/{date}`. */
export class StandingDateParamsDto {
  @Matches(ID_PATTERN, { message: 'id must be a standing order id' }) id: string;
  @IsCalendarDate() date: string;
}

export class PauseDto {
  @ApiProperty({ example: '2027-02-20', description: 'deliveries resume on this date' })
  @IsCalendarDate()
  until: string;
}

export class EndDto {
  @ApiPropertyOptional({
    example: '2027-06-30',
    description: 'last delivery date (default: only dates already past their cut-off)',
  })
  @IsOptional()
  @IsCalendarDate()
  lastDate?: string;
}

export class DeliveryQueryDto extends KitchenListQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'first delivery date (Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'last delivery date (Asia/Shanghai), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'only deliveries in this status' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
  @ApiPropertyOptional({ enum: ['open'], description: 'only deliveries with shortage flags nobody has answered' })
  @IsOptional()
  @IsIn(['open'])
  shortage?: 'open';
}

export class ReceiptLineDto {
  @ApiProperty({ example: 'SKU-CABBAGE' }) @Matches(CODE_PATTERN, code('sku')) sku: string;
  @ApiProperty({ example: 29_000, description: 'base units accepted in good order' })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  receivedBase: number;
  @ApiPropertyOptional({ example: 500, description: 'base units that arrived damaged' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  damagedBase?: number;
  @ApiPropertyOptional({ example: 1_000, description: 'base units refused for their quality (a quality claim)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  qualityBase?: number;
}

export class ReceiveDeliveryDto {
  @ApiPropertyOptional({
    type: [ReceiptLineDto],
    description: 'lines not listed arrived in full; what is neither received nor damaged is missing',
  })
  @IsOptional()
  @IsObjectArray(() => ReceiptLineDto)
  @ArrayMaxSize(MAX_LINES)
  @ArrayUnique((l: ReceiptLineDto) => l?.sku, { message: 'lines must not repeat a SKU' })
  lines?: ReceiptLineDto[];
  @ApiPropertyOptional({ example: '番茄两箱压伤' }) @IsOptional() @IsPlainText(500, { multiline: true }) note?: string;
}

export class AcceptSubstituteDto {
  @ApiPropertyOptional({ example: 'SKU-POTATO', description: 'default: the proposed substitute' })
  @IsOptional()
  @Matches(CODE_PATTERN, code('sku'))
  sku?: string;
  @ApiPropertyOptional({ example: 20_000, description: 'base units; default: the proposed quantity' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantityBase?: number;
}

export class CancelDeliveryDto {
  @ApiProperty({ example: '食堂停课，协商取消' }) @IsPlainText(500) reason: string;
}

export class DismissShortageDto {
  @ApiPropertyOptional({ example: '已电话告知食堂' })
  @IsOptional()
  @IsPlainText(500, { multiline: true })
  note?: string;
}

export class StatementQueryDto extends KitchenListQueryDto {}

export class RecordPaymentDto {
  @ApiProperty({ example: 'KITCHEN-LC-01' }) @Matches(CODE_PATTERN, code('kitchen')) kitchen: string;
  @ApiProperty({ example: 63_340, description: 'fen received' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen: number;
  @ApiProperty({
    example: 'ICBC-20270105-000123',
    description: "the bank's transfer reference, recorded once per statement",
  })
  @IsIdentifierText(64)
  reference: string;
  @ApiProperty({ example: '2027-01-05' }) @IsCalendarDate() paidOn: string;
}

export class RunCutoffDto {
  @ApiPropertyOptional({
    example: '2026-12-04',
    description: 'the delivery date whose cut-off to run (default: the next pending one)',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

/** Path of the substitute decisions: the delivery and the substitute line's SKU. */
export class SubstituteParamsDto {
  @Matches(ID_PATTERN, { message: 'id must be a delivery id' }) id: string;
  @Matches(CODE_PATTERN, code('sku')) sku: string;
}

export class SpendingQueryDto extends KitchenListQueryDto {
  @ApiProperty({ example: '2026-07', description: 'first month (YYYY-MM), inclusive' })
  @Matches(MONTH_PATTERN, { message: 'from must be written YYYY-MM' })
  from: string;
  @ApiProperty({ example: '2026-12', description: 'last month (YYYY-MM), inclusive; at most 24 months' })
  @Matches(MONTH_PATTERN, { message: 'to must be written YYYY-MM' })
  to: string;
}
