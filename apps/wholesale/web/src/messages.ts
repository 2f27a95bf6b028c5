import type { Locale } from '@gx/web/format';
import type { Messages } from '@gx/web/i18n';

export const MESSAGES: Record<Locale, Messages> = {
  'zh-CN': {
    ws: {
      title: '供销批发竞价',
      nav: { board: '竞价大厅', account: '我的授信', prices: '行情', listing: '挂牌', settlement: '结算' },
      live: { connecting: '正在连接实时行情…', reconnecting: '连接中断，正在重连…', open: '实时' },
      board: {
        title: '正在竞价', lot: '拍品', grade: '等级', origin: '产地', quantity: '数量', price: '当前价', perUnit: '/{unit}', leader: '领先', bids: '出价次数',
        countdown: '剩余时间', youLead: '您领先', outbid: '您已被超越', noBids: '暂无出价', extended: '已延时', opensIn: '距开拍', closed: '已结束',
        sold: '成交 {winner} {price}', unsold: '流拍', withdrawn: '已撤拍', open: '查看', youWereOutbid: '您在 {lot} 的出价已被超越，当前价 {price}',
      },
      lot: {
        batch: '批次与检测', producer: '生产者', plot: '地块', harvest: '采收日期', expiry: '到期日', inspection: '农残检测', pass: '合格', fail: '不合格', pending: '待检',
        rules: '竞价规则', start: '起拍价', increment: '加价幅度', extension: '延时规则', extensionRule: '最后 {n} 秒内出价，截止时间顺延 {n} 秒', reserve: '保留价',
        reserveMet: '已达保留价', reserveNotMet: '未达保留价', noReserve: '无保留价', history: '出价记录', bidder: '出价人', time: '时间', proxy: '代理',
        bidAt: '出价 {price}', proxyMax: '代理最高价（元/{unit}）', setProxy: '设置代理出价', yourMax: '您的代理上限', leading: '出价成功，您当前领先（{price}）',
        answered: '出价已生效，但被对方代理出价超越，当前价 {price}（{leader}）', closesAt: '截止', closeNow: '立即结束', withdraw: '撤拍', withdrawReason: '撤拍原因',
        confirmClose: '确定立即结束本场竞价？', closedNow: '已结束：{status}', soldShort: '成交', withdrawnNow: '已撤拍', bidders: '出价人（实名）', name: '名称', buyer: '买家编号',
        you: '我的状态', standing: { leading: '领先', outbid: '已被超越', won: '已中标', lost: '未中标' }, notes: '说明', reserveHidden: '保留价 {price}',
        extendedNow: '有人在最后时刻出价，截止时间已顺延至 {time}', won: '恭喜，您以 {price} 中标', lostTo: '已成交，买受人 {winner}，成交价 {price}',
      },
      errors: {
        OUTBID: '出价未成功：已有相同或更高的出价领先，请按新的最低出价重新出价',
        BID_TOO_LOW: '出价过低：至少需要 {min}',
        CREDIT_EXCEEDED: '授信额度不足：该出价需要的额度超过您的可用授信',
        CUTOFF_PASSED: '竞价已截止',
        ALREADY_DECIDED: '本场竞价已结束',
        NOT_OPEN: '尚未开拍',
      },
      account: {
        credit: '授信', limit: '授信额度', exposure: '领先出价占用', available: '可用额度', unpaid: '未付货款', holds: '占用明细', purchases: '我的采购',
        sale: '销售单', amount: '金额', paid: '已付', outstanding: '待付', due: '付款期限', status: '状态', statuses: { payment_due: '待付款', settled: '已结清' }, notApproved: '尚未获批授信', refresh: '刷新',
      },
      prices: { title: '成交价走势（元/交易单位）', chart: '各品类、等级成交价走势', sku: '商品', closedAt: '成交时间', price: '成交价', all: '全部商品' },
      listing: {
        title: '从批次挂牌', batch: '批次', free: '可用', unit: '交易单位', units: '数量（{unit}）', start: '起拍价（元/{unit}）', reserve: '保留价（元/{unit}，0 为无）',
        increment: '加价幅度（元）', closesAt: '截止时间', extension: '延时窗口（秒）', notes: '说明', submit: '挂牌', listed: '已挂牌：{id}', open: '查看拍品', pick: '请选择批次',
      },
      settlement: {
        title: '销售单与结算', buyer: '买家', record: '登记收款', method: '方式', methods: { bank_transfer: '银行转账', cash: '现金', credit_offset: '授信抵扣' },
        amount: '金额（元，空为全部）', reference: '凭证号', recorded: '已登记收款', filter: '状态',
      },
    },
  },
  en: {
    ws: {
      title: 'Gongxiao wholesale auctions',
      nav: { board: 'Live board', account: 'My credit', prices: 'Market prices', listing: 'List a lot', settlement: 'Settlement' },
      live: { connecting: 'Connecting to the live board…', reconnecting: 'Connection lost, reconnecting…', open: 'Live' },
      board: {
        title: 'Open lots', lot: 'Lot', grade: 'Grade', origin: 'Origin', quantity: 'Quantity', price: 'Current price', perUnit: '/{unit}', leader: 'Leader', bids: 'Bids',
        countdown: 'Time left', youLead: 'You lead', outbid: 'Outbid', noBids: 'No bids yet', extended: 'Extended', opensIn: 'Opens in', closed: 'Closed',
        sold: 'Sold to {winner} at {price}', unsold: 'Unsold', withdrawn: 'Withdrawn', open: 'Open', youWereOutbid: 'You were outbid on {lot}; the price is now {price}',
      },
      lot: {
        batch: 'Batch and inspection', producer: 'Producer', plot: 'Plot', harvest: 'Harvested', expiry: 'Expires', inspection: 'Residue inspection', pass: 'Pass', fail: 'Fail', pending: 'Pending',
        rules: 'Bidding rules', start: 'Start price', increment: 'Minimum increment', extension: 'Anti-sniping', extensionRule: 'A bid in the last {n} s extends the close by {n} s', reserve: 'Reserve',
        reserveMet: 'Reserve met', reserveNotMet: 'Reserve not met', noReserve: 'No reserve', history: 'Bid history', bidder: 'Bidder', time: 'Time', proxy: 'Proxy',
        bidAt: 'Bid {price}', proxyMax: 'Proxy maximum (¥ per {unit})', setProxy: 'Set proxy bid', yourMax: 'Your proxy maximum', leading: 'Bid placed: you lead at {price}',
        answered: 'Your bid counted, but the leader\'s proxy answered it: the price is now {price} ({leader})', closesAt: 'Closes', closeNow: 'Close now', withdraw: 'Withdraw', withdrawReason: 'Reason',
        confirmClose: 'Close this auction now?', closedNow: 'Closed: {status}', soldShort: 'sold at', withdrawnNow: 'Withdrawn', bidders: 'Bidders by name', name: 'Name', buyer: 'Buyer id',
        you: 'My standing', standing: { leading: 'Leading', outbid: 'Outbid', won: 'Won', lost: 'Lost' }, notes: 'Notes', reserveHidden: 'Reserve {price}',
        extendedNow: 'A last-moment bid extended the close to {time}', won: 'You won at {price}', lostTo: 'Sold to {winner} at {price}',
      },
      errors: {
        OUTBID: 'Not placed: an equal or higher bid leads; bid again at the new minimum',
        BID_TOO_LOW: 'Too low: the minimum bid is {min}',
        CREDIT_EXCEEDED: 'Credit exceeded: this bid needs more than your available credit',
        CUTOFF_PASSED: 'Bidding has closed',
        ALREADY_DECIDED: 'This auction has ended',
        NOT_OPEN: 'Bidding has not opened yet',
      },
      account: {
        credit: 'Credit', limit: 'Credit limit', exposure: 'Held by leading bids', available: 'Available', unpaid: 'Unpaid purchases', holds: 'Holds', purchases: 'My purchases',
        sale: 'Sale', amount: 'Amount', paid: 'Paid', outstanding: 'Outstanding', due: 'Due', status: 'Status', statuses: { payment_due: 'Payment due', settled: 'Settled' }, notApproved: 'No credit approved yet', refresh: 'Refresh',
      },
      prices: { title: 'Clearing prices (¥ per trading unit)', chart: 'Clearing prices per SKU and grade over time', sku: 'SKU', closedAt: 'Closed', price: 'Price', all: 'All SKUs' },
      listing: {
        title: 'List a lot from a batch', batch: 'Batch', free: 'Free', unit: 'Trading unit', units: 'Quantity ({unit})', start: 'Start price (¥ per {unit})', reserve: 'Reserve (¥ per {unit}, 0 = none)',
        increment: 'Increment (¥)', closesAt: 'Closes at', extension: 'Anti-sniping window (s)', notes: 'Notes', submit: 'List', listed: 'Listed: {id}', open: 'Open the lot', pick: 'Choose a batch',
      },
      settlement: {
        title: 'Sales and settlement', buyer: 'Buyer', record: 'Record payment', method: 'Method', methods: { bank_transfer: 'Bank transfer', cash: 'Cash', credit_offset: 'Credit offset' },
        amount: 'Amount (¥, empty = all)', reference: 'Reference', recorded: 'Payment recorded', filter: 'Status',
      },
    },
  },
};
