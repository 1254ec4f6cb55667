"""Phrase banks for demo notes: natural Chinese (some English) service records, never authentication data.

Rules for every phrase: no PIN, password, CVN, card expiry or SMS code with its digits (C3 data must never be in
notes); numbers only as amounts, durations, dates or hotline numbers; every piece ends in punctuation so that
concatenated pieces never run a keyword into a number.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

SLOTS: dict[str, tuple[str, ...]] = {
    "amt": ("3万", "5万", "8万", "10万", "15万", "20万", "30万", "50万", "80万", "100万"),
    "term": ("三个月", "半年期", "一年期", "两年期", "三年期", "五年期"),
    "when": ("下周", "本月底", "下个月", "三天后", "月底", "下周一", "明年初", "这周五"),
    "country": ("英国", "美国", "澳大利亚", "加拿大", "日本", "新加坡", "德国", "新西兰", "泰国", "法国"),
    "branch": ("人民路支行", "城东支行", "高新区支行", "开发区支行", "中山路支行", "营业部", "滨江支行",
               "解放路支行", "建设路支行", "火车站支行"),
    "fee": ("10", "12", "20", "24", "36", "100", "200", "300", "580"),
    "days": ("1", "2", "3"),
    "pct": ("15%", "20%", "25%", "30%"),
    "minutes": ("15", "20", "25", "30", "40"),
    "bill": ("3860", "5200", "12800", "8650", "21000", "2460"),
    "promise": ("2小时", "24小时", "1个工作日", "2个工作日", "3个工作日"),
}

# (topic, product category code or "", weight, templates)
CONSULTATION: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    ("deposit_rate", "deposit", 14, (
        "咨询{term}定期存款利率，已告知当前挂牌利率，并说明提前支取按活期利率计息。",
        "客户有{amt}元存款即将到期，询问转存{term}定期还是买大额存单更划算，已对比说明。",
        "询问定期存款利率近期是否还会下调，已说明以我行公告为准，可关注大额存单。",
        "客户想把活期里的{amt}元转成{term}定期，咨询手机银行能否办理，已指引操作路径。",
    )),
    ("large_cd", "large_cd", 8, (
        "咨询大额存单起存金额和{term}利率，已说明20万元起存、可部分转让。",
        "客户有{amt}元闲置资金，想买大额存单，询问额度是否还有，已告知{when}有新一期发行。",
        "客户询问大额存单能否提前支取，已说明可转让或按活期利率提前支取。",
    )),
    ("structured", "structured_deposit", 3, (
        "客户咨询结构性存款的收益区间，已说明保本浮动收益、挂钩标的及最低收益情形。",
        "客户看到结构性存款宣传，询问最高收益能否保证，已说明最高收益不代表实际收益。",
    )),
    ("wealth_maturity", "wealth", 10, (
        "客户名下理财产品{when}到期，询问到期资金到账时间，已告知到期后{days}个工作日内到账。",
        "理财到期后客户想继续购买同类产品，已提示理财非存款、产品有风险、投资须谨慎。",
        "客户对理财净值下跌有疑问，已解释净值波动原因，说明理财不承诺保本保收益。",
        "客户风险测评已过期，无法购买理财，已指引在手机银行重新做风险承受能力评估。",
    )),
    ("fund", "fund", 3, (
        "客户咨询基金定投如何设置和暂停，已指引手机银行理财频道的基金定投入口。",
        "客户询问基金赎回多久到账，已说明货币基金与股票基金到账时间不同。",
    )),
    ("insurance", "insurance", 2, (
        "客户咨询代销年金保险的犹豫期和退保损失，已说明犹豫期内退保基本无损失。",
    )),
    ("mortgage", "mortgage", 8, (
        "客户准备买房，咨询房贷首付比例和利率，已告知首套房首付最低{pct}，利率按LPR加点执行。",
        "客户想提前还房贷{amt}元，咨询是否有违约金及预约流程，已说明需提前{days}个工作日预约。",
        "客户咨询房贷利率何时调整，已说明按合同约定的重定价日调整。",
        "客户二套房首付凑不够，咨询能否用消费贷补首付，已明确告知消费贷资金不得用于购房。",
    )),
    ("renovation", "consumer_loan", 5, (
        "客户新房装修，咨询装修贷款额度和期限，已说明最高可贷{amt}元，需提供装修合同和收入证明。",
        "咨询装修贷款能否直接支付给装修公司，已说明受托支付流程。",
    )),
    ("credit_card", "credit_card", 12, (
        "客户询问信用卡账单日能否调整，已说明每年可修改一次，并已提交申请。",
        "客户本期信用卡账单{bill}元，咨询账单分期手续费和期数，已介绍分期费率。",
        "客户反映信用卡还款后额度未恢复，已解释入账需要一定时间。",
        "客户咨询信用卡临时额度提升，已告知可在APP申请，审批以系统结果为准。",
        "客户忘记信用卡还款日，担心逾期，已告知本期到期还款日并建议设置自动还款。",
    )),
    ("mobile_limit", "e_banking", 10, (
        "客户手机银行转账提示超过限额，咨询如何调整手机银行转账限额，已指引：我的-安全中心-转账限额。",
        "客户咨询手机银行转账限额，单笔超过{amt}元需携带身份证到网点提额。",
        "客户手机银行登录提示设备未绑定，已指引重新绑定设备并完成人脸识别。",
    )),
    ("abroad", "fx", 8, (
        "客户孩子{when}出国留学，咨询购汇额度和向境外学校汇学费的手续，已说明每人每年等值5万美元便利化额度。",
        "客户下个月去{country}出国旅游，询问外币现钞兑换是否要预约，已说明大额需提前一天预约。",
        "客户办理{country}签证需要存款证明，咨询开具流程和冻结期限，已告知携带身份证到网点办理。",
        "客户咨询美元汇率走势，已说明我行不做汇率预测，可关注手机银行实时牌价。",
    )),
    ("cross_border", "cross_border", 3, (
        "客户要给在{country}留学的孩子汇生活费，咨询境外汇款手续费和到账时间。",
        "客户收到境外汇款未到账，已告知需补充汇款用途申报后入账。",
    )),
    ("pension", "pension", 6, (
        "客户即将退休，咨询养老金代发卡如何办理，已说明需携带社保卡和身份证到网点。",
        "客户咨询个人养老金账户开户条件、年度缴存上限和税收优惠，已简要介绍。",
        "客户养老金本月未按时到账，已查询社保代发批次，告知{when}到账。",
    )),
    ("education", "education", 4, (
        "客户孩子上学要交学费，咨询教育储蓄和助学贷款，已介绍相关产品。",
        "客户孩子明年上小学，想提前规划教育金，已介绍教育储蓄和稳健型理财。",
        "客户咨询孩子上学的学费代扣如何签约，已指引在手机银行签约缴费项目。",
    )),
)

GUIDANCE: tuple[str, ...] = (
    "客户银行卡丢失，已指导先通过手机银行临时挂失，再携带身份证到网点办理正式挂失补卡。",
    "客户要修改银行预留手机号，已告知需本人携带身份证到网点或通过手机银行人脸识别办理。",
    "指导客户开通短信动账提醒，说明每月服务费及减免条件。",
    "客户首次使用手机银行，已一步步指导完成注册和登录，客户操作成功。",
    "客户要办理跨行转账，已说明手机银行跨行转账免手续费，一般实时到账。",
    "客户咨询销户所需材料，已告知本人携带身份证和银行卡到开户网点办理。",
    "客户忘记手机银行登录密码，已指引使用忘记密码功能自助重置，未询问任何密码信息。",
    "客户社保卡需要激活金融功能，已告知携带身份证到就近网点激活。",
    "客户银行卡因密码多次输错被锁，已指引本人携带身份证到网点解锁。",
    "指导客户在手机银行查询并下载电子回单。",
    "客户需开具资信证明，已说明所需材料和办理时间。",
    "客户要给老家父母定期转账，已指导设置手机银行预约转账。",
    "客户咨询如何查询个人征信报告，已告知可通过手机银行或人民银行征信中心查询。",
)

BRANCH_GUIDANCE: tuple[str, ...] = (
    "客户在网点排队，引导到自助设备办理转账业务，节省等待时间。",
    "协助客户在智能柜台办理借记卡补卡。",
    "为客户办理借记卡开户，已核验身份证原件并提示开通动账提醒。",
    "协助老年客户在自助设备上查询养老金到账情况。",
)

# (topic, case category code and department (crm.services.cases defaults), weight, templates)
COMPLAINTS: tuple[tuple[str, str, str, int, tuple[str, ...]], ...] = (
    ("fee", "fees", "运营部", 18, (
        "客户投诉账户被扣{fee}元小额账户管理费，认为事先未收到通知，要求退还。",
        "客户对短信通知服务扣费不满，称从未开通该服务，要求核查并退费。",
        "客户发现账户有一笔不明扣费，怀疑被盗刷，已核实交易明细并引导先冻结卡片。",
    )),
    ("wait", "service", "客服中心", 14, (
        "客户反映拨打客服热线等待太久，排队{minutes}分钟才接通，情绪较大。",
        "客户在网点等待太久，取号后排队一个多小时仍未办理，投诉网点窗口开得太少。",
    )),
    ("attitude", "service", "网点", 14, (
        "客户投诉{branch}柜员服务态度差，解释业务时不耐烦，要求道歉。",
        "客户反映网点大堂经理服务态度生硬，推销理财时只讲收益、没有说明风险。",
    )),
    ("annual_fee", "credit_card", "信用卡中心", 16, (
        "客户对信用卡年费{fee}元扣收有异议，称办卡时业务员承诺免年费。",
        "客户投诉信用卡分期手续费实际费率与宣传不符，要求解释并退还多收费用。",
        "客户信用卡逾期一天被收取违约金并上报征信，认为不合理，要求撤销。",
    )),
    ("loan", "loan", "个贷部", 10, (
        "客户投诉房贷提前还款预约后迟迟没有办理，多次来电无人处理。",
        "客户反映装修贷款审批时间过长，已超过承诺时间仍无结果。",
    )),
    ("e_banking", "e_banking", "科技部", 12, (
        "客户投诉手机银行更新后账单查询入口找不到，操作太复杂，老年人不会用。",
        "客户反映手机银行转账失败但资金被扣，要求尽快退回。",
    )),
    ("wealth_sale", "wealth", "财富管理部", 6, (
        "客户投诉购买理财时未被告知有亏损风险，现净值低于本金，要求赔偿损失。",
    )),
)

# (kind, phrase): what makes a complaint urgent (regulator, hotline, media, lawyer).
ESCALATION_PHRASES: tuple[tuple[str, str], ...] = (
    ("regulator", "客户情绪激动，表示如不尽快解决将投诉到银保监。"),
    ("hotline_12378", "客户称要拨打12378投诉。"),
    ("media", "客户表示要找媒体曝光。"),
    ("lawyer", "客户称已咨询律师，保留起诉的权利。"),
)

RETURN_VISIT: tuple[str, ...] = (
    "投诉处理后回访，客户对处理结果表示满意。",
    "回访客户上次反映的扣费问题，费用已退回，客户认可。",
    "VIP客户定期回访，了解近期资金安排，客户{when}有理财到期，预约到网点面谈。",
    "回访客户手机银行使用情况，客户反馈转账限额已调整成功。",
    "季度回访，客户暂无新需求，已提醒注意防范电信诈骗。",
    "回访客户对网点服务的评价，客户建议周末多开窗口。",
    "老年客户关怀回访，提醒不要向陌生人透露银行卡信息，客户表示知道了。",
    "回访信用卡分期办理情况，客户表示分期已生效。",
    "客户孩子{when}出国，回访时介绍了境外汇款和外币兑换流程。",
    "回访房贷客户，客户询问提前还款事宜，已说明预约流程。",
)
UNREACHABLE: tuple[str, ...] = (
    "外呼未接通。",
    "客户电话无人接听，稍后再次联系。",
    "客户手机关机，已发送短信告知回访事由。",
    "客户表示正在开会，约定改天再联系。",
    "号码暂时无法接通。",
)
MARKETING: tuple[tuple[str, str], ...] = (
    ("large_cd", "向客户介绍新一期大额存单，客户表示考虑一下。"),
    ("wealth", "客户有理财{when}到期，推荐同系列稳健型理财，已提示产品风险，客户有兴趣，预约面谈。"),
    ("credit_card", "推荐信用卡账单分期优惠活动，客户暂无需求。"),
    ("pension", "向客户介绍个人养老金账户及税收优惠，客户表示回去和家人商量。"),
    ("fx", "客户近期有出国计划，介绍外汇结算和境外消费返现活动，客户愿意了解。"),
    ("e_banking", "推荐手机银行新客礼活动，客户已知晓。"),
    ("", "客户对营销电话表示反感，要求以后不要再打营销电话，已记录。"),
    ("mortgage", "客户提到准备换房，介绍了房贷和首付规划服务，客户表示需要时再联系。"),
    ("education", "客户孩子明年上学，介绍教育金规划，客户有兴趣。"),
)
# (rule id, phrase): what a fraud victim says, as the agent records it.
FRAUD: tuple[tuple[str, str], ...] = (
    ("fraud.safe_account", "客户称接到自称公检法的电话，说其涉嫌洗钱，要求把钱转到安全账户配合调查。"
                           "已明确告知这是诈骗，劝阻客户不要转账，建议拨打96110核实。"),
    ("fraud.verification_code", "客户接到自称平台客服的电话，称要注销账户否则影响征信，对方索要短信验证码。"
                                "已提醒验证码不能告诉任何人，客户未透露。"),
    ("fraud.task_scam", "客户在网上兼职刷单，已垫付{amt}元，对方称需继续转账才能提现。已告知刷单是诈骗，建议立即报警。"),
    ("fraud.refund", "客户接到退款客服电话，称商品有质量问题要给其退款，并引导下载会议软件共享屏幕。已劝阻并建议挂断。"),
    ("fraud.investment_group", "客户被拉进投资群，群里宣称高回报、稳赚不赔，准备向陌生账户转账{amt}元。已劝阻，客户暂缓转账。"),
    ("fraud.impersonation", "客户称领导通过微信让其紧急转账{amt}元给合作方，已提醒先电话核实身份，疑似冒充熟人诈骗。"),
    ("fraud.elderly_cash", "老年客户到网点要求大额取现，称要交保健品投资款，已耐心劝阻并联系家属。"),
)
FRAUD_CLOSING = ("已按反诈流程登记并报告主管。", "已提醒客户如有疑问拨打96110。", "已通知网点安保人员关注。")

ENGLISH: dict[str, tuple[str, ...]] = {
    "consultation": (
        "Customer asked about the {term_en} fixed deposit rate; explained current rates and early withdrawal rules.",
        "Caller asked how to raise the mobile banking transfer limit; walked through Me > Security > Transfer limits.",
        "Customer's child will study in the UK next year; asked about the FX purchase quota and remittance fees.",
        "Customer asked about large-denomination CDs; explained the minimum amount and transfer rules.",
        "Customer wanted to change the credit card statement date; request submitted.",
    ),
    "guidance": (
        "Lost debit card: guided the customer through temporary loss reporting in the app, then the branch visit.",
        "Explained how to update the reserved mobile number (branch visit with ID, or face check in the app).",
    ),
    "return_visit": (
        "Return visit after the complaint; customer satisfied with the refund.",
        "Quarterly care call; no new needs, reminded the customer about phone scams.",
    ),
    "marketing": (
        "Introduced the new large-denomination CD; customer will think about it.",
    ),
}
ENGLISH_COMPLAINTS: tuple[tuple[str, str], ...] = (
    ("annual_fee", "Complaint: credit card annual fee charged although the sales rep promised no fee. Sent to the "
                   "Credit Card Center; promised feedback within 2 hours."),
    ("wait", "Customer unhappy about waiting on hold for over 20 minutes. Apologised and recorded the complaint."),
)
ENGLISH_SLOTS = {"term_en": ("1-year", "2-year", "3-year", "5-year")}

OPENINGS: dict[str, tuple[str, ...]] = {
    "inbound_call": ("客户来电，", "客户致电，", "来电人为客户本人，", "", ""),
    "outbound_call": ("外呼：", "电话回访：", "", ""),
    "online_chat": ("在线客服：", "客户在线咨询，", "APP在线客服接入，"),
    "branch": ("客户到网点，", "网点接待：", "客户到{branch}办理业务，"),
    "email": ("客户来邮件，", "邮件往来："),
    "sms": ("短信：",),
}
VERIFIED = {
    "passed": ("已核实身份。", "身份核验通过。", "", ""),
    "partial": ("身份核验部分通过，未透露账户信息。",),
    "failed": ("身份核验未通过，仅作一般性解答，未透露任何账户信息。",),
    "not_done": ("",),
}
ELDERLY = ("老年客户，已放慢语速并重复关键信息。", "客户年纪较大，已耐心重复说明。")
CLOSINGS = {
    "resolved": ("客户表示理解。", "客户表示满意。", "客户表示清楚了，无其他问题。", "", "", "客户对答复基本满意。",
                 "已发送相关说明短信。", "客户表示会按指引操作。"),
    "follow_up": ("已记录，承诺{promise}内回电告知处理结果。", "已登记跟进，{promise}内回访。"),
    "transferred": ("已转接相关业务专线。", "已转二线坐席跟进。", "已转接专业坐席处理。"),
    "escalated": ("已升级至值班主管处理。", "情况紧急，已报告主管。"),
    "other": ("客户中途结束沟通。", "沟通中断，未能完成解答。"),
    "unhappy": ("客户对答复不太满意。", "客户仍有不满，表示会再来电。", "客户表示不认可该解释。"),
    "unreachable": ("",),
}
COMPLAINT_HANDLING = (
    "已安抚客户情绪，记录诉求并转{dept}处理。",
    "先处理心情再处理事情，已向客户致歉并转{dept}核实。",
    "已详细记录客户诉求，提交{dept}。",
)
SMS_NOTES = (
    "已发送短信提醒客户理财{when}到期。",
    "发送回访短信，客户回复满意。",
    "已短信告知投诉处理进展。",
    "短信提醒客户信用卡还款日将至。",
)
LOW_SATISFACTION_REASONS = (
    "等待时间太长", "问题没有解决", "客服解释不清楚", "转接了好几次", "服务态度一般", "答复太模板化",
    "还要自己跑网点", "The issue was not solved.",
)
MID_SATISFACTION_REASONS = ("处理速度一般", "流程有点复杂", "")

CUSTOMER_NOTES = (
    "客户听力不太好，请放慢语速。", "偏好下午来电。", "客户要求只在工作日联系。", "客户为小微企业主，资金往来较多。",
    "客户对营销电话比较敏感。", "客户子女在国外留学。", "常住外地，优先线上服务。", "客户习惯到网点办理业务。",
    "Prefers English.",
)
TAGS = ("代发工资", "房贷客户", "理财客户", "信用卡客户", "手机银行活跃", "外汇需求", "养老金代发", "小微企业主",
        "新客户", "投诉敏感", "教育金规划", "出境游", "大额存单", "基金定投")

# Complaint-case texts per complaint topic: (summary, root causes, corrective actions, resolutions).
CASE_TEXTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "fee": ("账户扣费争议",
            ("扣费前短信通知未送达客户", "客户账户日均余额低于免收标准"),
            ("优化扣费前通知流程，增加APP消息提醒", "对客户经理开展收费政策培训"),
            ("经核实符合收费标准，考虑客户实际情况退还本次费用", "已为客户办理小额账户管理费减免")),
    "wait": ("等待时间过长",
             ("高峰时段坐席排班不足", "网点窗口开放数量不足"),
             ("调整高峰时段排班，增加弹性坐席", "高峰期增开窗口并引导使用自助设备"),
             ("已向客户致歉并说明改进措施",)),
    "attitude": ("服务态度投诉",
                 ("员工服务意识不足", "业务繁忙时沟通方式欠妥"),
                 ("对涉事员工进行服务规范培训并纳入考核", "网点开展服务礼仪专项整改"),
                 ("网点负责人已向客户当面致歉",)),
    "annual_fee": ("信用卡年费/费用争议",
                   ("营销人员对年费政策解释不准确", "客户未达到免年费刷卡次数"),
                   ("规范信用卡营销话术，加强销售过程管理", "在APP增加年费提醒"),
                   ("已为客户减免本年度年费", "已退还多收的分期手续费")),
    "loan": ("贷款业务办理时效",
             ("提前还款预约排期积压", "审批材料流转环节过多"),
             ("优化预约排期系统并设置超时提醒", "精简审批流程"),
             ("已加急办理并告知客户办理结果",)),
    "e_banking": ("手机银行使用问题",
                  ("版本更新后菜单调整未充分提示", "跨行清算通道异常导致退款延迟"),
                  ("在首页增加账单查询快捷入口并推出长辈版", "完善异常交易自动退款监控"),
                  ("已指导客户使用并反馈科技部优化", "资金已原路退回")),
    "wealth_sale": ("理财销售适当性投诉",
                    ("销售过程风险揭示不充分",),
                    ("加强双录抽查和适当性管理培训",),
                    ("已调取双录资料核实，向客户解释产品风险并协商处理",)),
}
CASE_PROGRESS = (
    "已联系责任部门核实情况。", "责任部门已受理，正在调查。", "已向客户反馈处理进展，客户同意等待。",
    "已调取相关交易记录。", "已与网点负责人沟通。", "等待客户提供相关凭证。",
)
EXTENSION_REASONS = (
    "案情复杂，需调取网点监控并与第三方机构核实，申请延期。",
    "需等待清算机构回复，申请延长处理期限。",
)
FURTHER_CHANNELS = "已告知客户如对处理结果不满意，可向银行业消费者权益保护部门或12378热线反映。"
FOLLOWUP_NOTES = {
    "complaint_feedback": ("回电告知投诉处理结果。", "向客户反馈处理进展。"),
    "satisfaction_visit": ("确认客户对处理结果是否满意。",),
    "opportunity": ("约客户到网点面谈理财配置。", "回电介绍大额存单新一期额度。"),
    "periodic_care": ("定期关怀回访。", "提醒理财到期事宜。"),
    "supervisor_call": ("主管回电安抚客户。",),
    "other": ("回电确认手机银行限额是否调整成功。", "回电告知资料审核结果。"),
}


def _fill(template: str, rng: random.Random, slots: dict[str, Sequence[str]]) -> str:
    return template.format_map({k: v[rng.randrange(len(v))] for k, v in slots.items()})


def expand(templates: Sequence[str], rng: random.Random, variants: int = 8,
           slots: dict[str, Sequence[str]] = SLOTS) -> tuple[str, ...]:
    """Each template filled ``variants`` times with random slot values; duplicates removed, order kept."""
    out: dict[str, None] = {}
    for template in templates:
        for _ in range(variants if "{" in template else 1):
            out[_fill(template, rng, slots)] = None
    return tuple(out)


def expand_each(templates: Sequence[str], rng: random.Random, variants: int = 8) -> tuple[tuple[str, ...], ...]:
    """Variants grouped per template, so that every template is picked equally often whatever its slots."""
    return tuple(expand((t,), rng, variants) for t in templates)


# A note as (text, topic, escalation): topic is the consultation/complaint topic or the fraud rule id,
# escalation the ESCALATION_PHRASES kind a complaint mentions. Plain tuples: a million are built per run.
Note = tuple[str, str, str]


class NoteBank:
    """Pre-expanded phrase pools; :meth:`make` assembles one note from a few random picks (fast)."""

    def __init__(self, rng: random.Random) -> None:
        self.openings = {ch: expand(v, rng, 6) for ch, v in OPENINGS.items()}
        self.closings = {k: expand(v, rng, 4) for k, v in CLOSINGS.items()}
        self.consult = [(topic, expand_each(tpls, rng)) for topic, _cat, _w, tpls in CONSULTATION]
        self.consult_cum = _cumulative([w for _t, _c, w, _p in CONSULTATION])
        self.guidance = GUIDANCE
        self.complaints = [(topic, dept, expand_each(tpls, rng)) for topic, _cc, dept, _w, tpls in COMPLAINTS]
        self.complaint_cum = _cumulative([w for _t, _c, _d, w, _p in COMPLAINTS])
        self.handling = {dept: tuple(t.format(dept=dept) for t in COMPLAINT_HANDLING)
                         for _t, _c, dept, _w, _p in COMPLAINTS}
        self.return_visit = expand_each(RETURN_VISIT, rng)
        self.marketing = [(topic, expand((tpl,), rng, 4)) for topic, tpl in MARKETING]
        self.fraud = [(rule, expand((tpl,), rng, 6)) for rule, tpl in FRAUD]
        self.english = {k: expand(v, rng, 4, ENGLISH_SLOTS) for k, v in ENGLISH.items()}
        self.sms = expand(SMS_NOTES, rng, 4)

    def make(self, r: Callable[[], float], category: str, channel: str, verification: str, outcome: str,
             elderly: bool, fraud: bool, unhappy: bool = False) -> Note:
        """One note. ``r`` is the generator's ``random()``; every choice below is ``pool[int(r() * n)]``."""
        if channel == "sms":
            return _pick(r, self.sms), "", ""
        if outcome == "unreachable":
            return _pick(r, UNREACHABLE), "", ""
        if fraud:
            rule, pool = _pick(r, self.fraud)
            return _join(_pick(r, self.openings[channel]), _pick(r, pool)) + _pick(r, FRAUD_CLOSING), rule, ""
        if r() < 0.03 and channel in ("inbound_call", "online_chat", "email"):
            if category == "complaint":
                topic, text = _pick(r, ENGLISH_COMPLAINTS)
                return text, topic, ""
            return _pick(r, self.english.get(category) or self.english["consultation"]), "", ""
        topic, escalation = "", ""
        if category == "consultation":
            topic, groups = self.consult[_weighted(r, self.consult_cum)]
            core = _pick(r, _pick(r, groups))
        elif category == "guidance":
            core = _pick(r, BRANCH_GUIDANCE if channel == "branch" and r() < 0.3 else self.guidance)
        elif category == "complaint":
            topic, dept, groups = self.complaints[_weighted(r, self.complaint_cum)]
            core = _pick(r, _pick(r, groups))
            if r() < 0.22:
                escalation, phrase = _pick(r, ESCALATION_PHRASES)
                core += phrase
            core += _pick(r, self.handling[dept])
        elif category == "return_visit":
            core = _pick(r, _pick(r, self.return_visit))
        else:
            topic, pool = _pick(r, self.marketing)
            core = _pick(r, pool)
        head = _pick(r, self.openings[channel])
        middle = _pick(r, VERIFIED[verification]) + (_pick(r, ELDERLY) if elderly and r() < 0.3 else "")
        if category == "marketing" and not topic:  # the customer refused marketing: no "客户表示满意"
            return _join(head + middle, core), topic, escalation
        closing = self.closings["unhappy" if unhappy and outcome == "resolved" else outcome]
        return _join(head + middle, core) + _pick(r, closing), topic, escalation


def _join(head: str, core: str) -> str:
    """"客户来电，" + "客户想把…" reads "客户来电，想把…" (the subject is not repeated)."""
    if head.endswith("，") and head[0] in "客来" and core.startswith("客户"):
        return head + core[2:]
    return head + core


def _pick(r: Callable[[], float], pool: Sequence):  # noqa: ANN202 (returns an element of pool)
    return pool[int(r() * len(pool))]


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _weighted(r: Callable[[], float], cum: list[float]) -> int:
    x = r() * cum[-1]
    for i, c in enumerate(cum):
        if x < c:
            return i
    return len(cum) - 1
