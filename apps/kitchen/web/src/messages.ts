import type { Locale } from '@gx/web/format';
import type { Messages } from '@gx/web/i18n';

export const MESSAGES: Record<Locale, Messages> = {
  'zh-CN': {
    kit: {
      title: '中央厨房采购',
      nav: { contract: '供货协议', calendar: '长期订单日历', deliveries: '配送收货', statement: '月度对账单', spending: '采购分析', supply: '协议管理', dispatch: '配送调度', cutoffs: '截单' },
      common: {
        sku: '商品', quantity: '数量', price: '单价', amount: '金额', kitchen: '食堂', date: '日期', status: '状态', actions: '操作', save: '保存', cancel: '取消',
        confirm: '确认', refresh: '刷新', month: '月份', done: '已完成', cutoff: '截单', submit: '提交',
      },
      contract: {
        validity: '有效期 {from} 至 {to}', contracted: '约定总量', used: '已用', noLimit: '不限量', remaining: '剩余 {q}', id: '协议号',
      },
      calendar: {
        orders: '长期订单', create: '新建长期订单', next: '下次配送 {date}，截单 {cutoff}', ended: '已结束', active: '进行中', address: '收货地址',
        warehouse: '供货仓', schedule: '配送规则', weekdays: '按星期', rrule: 'RRULE 规则', startDate: '开始日期', endDate: '结束日期', lines: '订货明细',
        addLine: '添加商品', remove: '移除', skip: '本日不送', restore: '恢复', change: '改数量', cutoffAt: '截单 {at}', locked: '已锁定：截单时间 {at} 已过',
        status: { scheduled: '按计划', changed: '已调整', skipped: '不送', paused: '暂停' }, empty: '当日不送',
        pause: '暂停至', pauseAction: '暂停', resume: '恢复配送', end: '结束订单', endConfirm: '结束后截单未过的日期都不再配送，确定吗？', paused: '暂停 {from} 至 {until}（不含）',
        changeTitle: '调整 {date} 的 {sku}', changeHint: '只改这一项，当天其他商品不变；填 0 表示当天不要此商品。', created: '已创建长期订单 {id}',
        pick: '请选择长期订单', weekday: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }, delivered: '已生成配送单 {id}',
      },
      deliveries: {
        upcoming: '待配送', dispatched: '已发车', received: '已收货', all: '全部', reserving: '备货中', ready: '待发车', cancelled: '已取消',
        ordered: '订购', reserved: '已备', sent: '发出', shortage: '缺货 {q}', substitute: '替代：{name} {q}', substituteFor: '替代 {sku}',
        accept: '接受替代', refuse: '拒绝替代', accepted: '已接受', refused: '已拒绝（退回并冲减）', receive: '收货', receiveTitle: '收货：{date}',
        receivedQty: '实收（{unit}）', damaged: '破损（{unit}）', quality: '质量拒收（{unit}）', missingHint: '未填的差额按短少索赔。', note: '备注',
        batches: '批次来源', designated: '脱贫县', producer: '生产者', county: '县区', village: '产地', harvest: '采收', grade: '等级', claims: '索赔',
        claim: { shortage: '短少', damage: '破损', quality: '质量', substitute_refused: '拒收替代品' }, amount: '应付 {amount}（货值 {gross}，索赔 {claims}）',
        shortageStatus: { open: '待处理', substituted: '已替代', dismissed: '不补', shipped_short: '缺货发车' }, detail: '详情',
      },
      statement: {
        title: '{kitchen} {month} 对账单', print: '打印', lines: '配送明细', claims: '索赔冲减', payments: '付款记录', due: '应付金额', paid: '已付', unpaid: '未付',
        gross: '货值', claimsTotal: '索赔', deliveries: '配送单数', pending: '未收货的配送（不计入）', designated: '832 平台：脱贫县采购占比', target: '要求不低于 {target}',
        meets: '达标', below: '未达标', designatedFen: '脱贫县采购额', reference: '转账流水号', paidOn: '付款日期', record: '登记付款', recorded: '已登记付款',
        status: { open: '未结（有未收货配送）', unpaid: '未付', partially_paid: '部分已付', paid: '已结清' }, signature: '采购方签字：', supplierSignature: '供货方盖章：',
      },
      spending: { byMonth: '按月采购额', bySku: '按商品采购额', amount: '采购额', designated: '脱贫县采购额', share: '脱贫县占比', months: '近 {n} 个月' },
      ops: {
        kitchen: '食堂编号', load: '查询', newContract: '新建供货协议', title: '协议名称', from: '起始日', to: '截止日', sku: '商品编码', unit: '计价单位',
        fen: '单价（分）', limit: '约定总量（基本单位，可空）', created: '已创建协议 {id}', openShortages: '缺货待处理', dismiss: '不补', acceptSub: '用替代品补足',
        dispatch: '发车', runNow: '立即截单', runConfirm: '立即截单 {date}？当天订单将锁定并生成配送单。', ran: '{date} 已截单：{outcome}', nextCutoff: '下次截单',
        outcome: { generated: '已生成配送单', lapsed: '日期已过，未配送', already_handled: '此前已处理' }, orders: '长期订单',
      },
    },
  },
  en: {
    kit: {
      title: 'Central kitchen purchasing',
      nav: { contract: 'Contract', calendar: 'Standing orders', deliveries: 'Deliveries', statement: 'Statements', spending: 'Spending', supply: 'Contracts', dispatch: 'Dispatch', cutoffs: 'Cut-offs' },
      common: {
        sku: 'SKU', quantity: 'Quantity', price: 'Price', amount: 'Amount', kitchen: 'Kitchen', date: 'Date', status: 'Status', actions: 'Actions', save: 'Save', cancel: 'Cancel',
        confirm: 'Confirm', refresh: 'Refresh', month: 'Month', done: 'Done', cutoff: 'Cut-off', submit: 'Submit',
      },
      contract: {
        validity: 'Valid {from} to {to}', contracted: 'Contracted', used: 'Used', noLimit: 'No limit', remaining: '{q} left', id: 'Contract',
      },
      calendar: {
        orders: 'Standing orders', create: 'New standing order', next: 'Next delivery {date}, cut-off {cutoff}', ended: 'Ended', active: 'Active', address: 'Delivery address',
        warehouse: 'Supplying warehouse', schedule: 'Schedule', weekdays: 'Weekdays', rrule: 'RRULE', startDate: 'Start date', endDate: 'End date', lines: 'Lines',
        addLine: 'Add SKU', remove: 'Remove', skip: 'Skip this date', restore: 'Restore', change: 'Change quantity', cutoffAt: 'Cut-off {at}', locked: 'Locked: the cut-off {at} has passed',
        status: { scheduled: 'As planned', changed: 'Changed', skipped: 'Skipped', paused: 'Paused' }, empty: 'Nothing delivered',
        pause: 'Pause until', pauseAction: 'Pause', resume: 'Resume', end: 'End order', endConfirm: 'Every date whose cut-off is still ahead will not be delivered. End the order?', paused: 'Paused {from} until {until}',
        changeTitle: 'Change {sku} on {date}', changeHint: 'Only this line changes; the other lines of the day stay. 0 drops the SKU that day.', created: 'Standing order {id} created',
        pick: 'Choose a standing order', weekday: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' }, delivered: 'Delivery {id} generated',
      },
      deliveries: {
        upcoming: 'Upcoming', dispatched: 'Dispatched', received: 'Received', all: 'All', reserving: 'Reserving', ready: 'Ready', cancelled: 'Cancelled',
        ordered: 'Ordered', reserved: 'Reserved', sent: 'Sent', shortage: 'Short {q}', substitute: 'Substitute: {name} {q}', substituteFor: 'Substitute for {sku}',
        accept: 'Accept substitute', refuse: 'Refuse substitute', accepted: 'Accepted', refused: 'Refused (returned and credited)', receive: 'Receive', receiveTitle: 'Receive: {date}',
        receivedQty: 'Received ({unit})', damaged: 'Damaged ({unit})', quality: 'Refused for quality ({unit})', missingHint: 'Any difference left is claimed as missing.', note: 'Note',
        batches: 'Batches', designated: 'Designated county', producer: 'Producer', county: 'County', village: 'Origin', harvest: 'Harvest', grade: 'Grade', claims: 'Claims',
        claim: { shortage: 'Missing', damage: 'Damaged', quality: 'Quality', substitute_refused: 'Substitute refused' }, amount: 'Due {amount} (goods {gross}, claims {claims})',
        shortageStatus: { open: 'Open', substituted: 'Substituted', dismissed: 'Not made up', shipped_short: 'Shipped short' }, detail: 'Details',
      },
      statement: {
        title: '{kitchen} statement {month}', print: 'Print', lines: 'Deliveries', claims: 'Claims credited', payments: 'Payments', due: 'Amount due', paid: 'Paid', unpaid: 'Unpaid',
        gross: 'Goods', claimsTotal: 'Claims', deliveries: 'Deliveries', pending: 'Deliveries not yet received (not billed)', designated: '832 platform: share from designated counties', target: 'at least {target} required',
        meets: 'Meets', below: 'Below', designatedFen: 'From designated counties', reference: 'Transfer reference', paidOn: 'Paid on', record: 'Record payment', recorded: 'Payment recorded',
        status: { open: 'Open (deliveries to receive)', unpaid: 'Unpaid', partially_paid: 'Partly paid', paid: 'Paid' }, signature: 'Purchaser signature:', supplierSignature: 'Supplier seal:',
      },
      spending: { byMonth: 'Spending by month', bySku: 'Spending by SKU', amount: 'Amount', designated: 'From designated counties', share: 'Designated share', months: 'last {n} months' },
      ops: {
        kitchen: 'Kitchen id', load: 'Show', newContract: 'New contract', title: 'Title', from: 'From', to: 'To', sku: 'SKU code', unit: 'Price unit',
        fen: 'Price (fen)', limit: 'Contracted total (base units, optional)', created: 'Contract {id} created', openShortages: 'Open shortages', dismiss: 'Do not make up', acceptSub: 'Make up with substitute',
        dispatch: 'Dispatch', runNow: 'Run cut-off now', runConfirm: 'Run the cut-off of {date} now? The date locks and becomes a delivery.', ran: 'Cut-off of {date}: {outcome}', nextCutoff: 'Next cut-off',
        outcome: { generated: 'delivery generated', lapsed: 'date passed, nothing delivered', already_handled: 'already handled' }, orders: 'Standing orders',
      },
    },
  },
};
