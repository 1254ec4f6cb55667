<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>CodeLabels</name>
    <message>
      <source>Standard</source>
      <translation>普通</translation>
    </message>
    <message>
      <source>VIP</source>
      <translation>VIP</translation>
    </message>
    <message>
      <source>Private banking</source>
      <translation>私行</translation>
    </message>
    <message>
      <source>C1 Conservative</source>
      <translation>C1 保守型</translation>
    </message>
    <message>
      <source>C2 Cautious</source>
      <translation>C2 稳健型</translation>
    </message>
    <message>
      <source>C3 Balanced</source>
      <translation>C3 平衡型</translation>
    </message>
    <message>
      <source>C4 Growth</source>
      <translation>C4 成长型</translation>
    </message>
    <message>
      <source>C5 Aggressive</source>
      <translation>C5 进取型</translation>
    </message>
    <message>
      <source>Male</source>
      <translation>男</translation>
    </message>
    <message>
      <source>Female</source>
      <translation>女</translation>
    </message>
    <message>
      <source>Gender unknown</source>
      <translation>性别未知</translation>
    </message>
    <message>
      <source>Spouse</source>
      <translation>配偶</translation>
    </message>
    <message>
      <source>Parent</source>
      <translation>父母</translation>
    </message>
    <message>
      <source>Child</source>
      <translation>子女</translation>
    </message>
    <message>
      <source>Other relative</source>
      <translation>其他亲属</translation>
    </message>
    <message>
      <source>Guardian</source>
      <translation>监护人</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <source>Home</source>
      <translation>住宅电话</translation>
    </message>
    <message>
      <source>Work</source>
      <translation>单位电话</translation>
    </message>
    <message>
      <source>Debit card</source>
      <translation>借记卡</translation>
    </message>
    <message>
      <source>Credit card</source>
      <translation>信用卡</translation>
    </message>
    <message>
      <source>Marketing</source>
      <translation>营销</translation>
    </message>
    <message>
      <source>Service notices</source>
      <translation>服务通知</translation>
    </message>
    <message>
      <source>Data sharing</source>
      <translation>信息共享</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮件</translation>
    </message>
    <message>
      <source>Mobile app</source>
      <translation>手机银行App</translation>
    </message>
    <message>
      <source>Post</source>
      <translation>信函</translation>
    </message>
    <message>
      <source>Branch form</source>
      <translation>网点书面签署</translation>
    </message>
    <message>
      <source>Phone call</source>
      <translation>电话确认</translation>
    </message>
    <message>
      <source>Online banking</source>
      <translation>网上银行</translation>
    </message>
    <message>
      <source>Inbound call</source>
      <translation>呼入</translation>
    </message>
    <message>
      <source>Outbound call</source>
      <translation>呼出</translation>
    </message>
    <message>
      <source>Online chat</source>
      <translation>在线客服</translation>
    </message>
    <message>
      <source>Branch visit</source>
      <translation>网点</translation>
    </message>
    <message>
      <source>Consultation</source>
      <translation>咨询</translation>
    </message>
    <message>
      <source>Business guidance</source>
      <translation>业务指引</translation>
    </message>
    <message>
      <source>Complaint</source>
      <translation>投诉</translation>
    </message>
    <message>
      <source>Return visit</source>
      <translation>回访</translation>
    </message>
    <message>
      <source>Resolved</source>
      <translation>已解决</translation>
    </message>
    <message>
      <source>Follow-up promised</source>
      <translation>已承诺跟进</translation>
    </message>
    <message>
      <source>Transferred</source>
      <translation>已转接</translation>
    </message>
    <message>
      <source>Escalated</source>
      <translation>已升级</translation>
    </message>
    <message>
      <source>Not reached</source>
      <translation>未接通</translation>
    </message>
    <message>
      <source>Not verified</source>
      <translation>未核验</translation>
    </message>
    <message>
      <source>Verified</source>
      <translation>已核验</translation>
    </message>
    <message>
      <source>Verification failed</source>
      <translation>核验未通过</translation>
    </message>
    <message>
      <source>Partly matched</source>
      <translation>部分一致</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>已受理</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>处理中</translation>
    </message>
    <message>
      <source>Awaiting customer</source>
      <translation>待客户反馈</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <source>Normal priority</source>
      <translation>普通优先级</translation>
    </message>
    <message>
      <source>High priority</source>
      <translation>高优先级</translation>
    </message>
    <message>
      <source>Urgent</source>
      <translation>紧急</translation>
    </message>
    <message>
      <source>Progress</source>
      <translation>进展</translation>
    </message>
    <message>
      <source>Status change</source>
      <translation>状态变更</translation>
    </message>
    <message>
      <source>Addendum</source>
      <translation>补充说明</translation>
    </message>
    <message>
      <source>Paused</source>
      <translation>已暂停计时</translation>
    </message>
    <message>
      <source>Resumed</source>
      <translation>已恢复计时</translation>
    </message>
    <message>
      <source>Escalation</source>
      <translation>升级</translation>
    </message>
    <message>
      <source>Deadline extended</source>
      <translation>已延期</translation>
    </message>
    <message>
      <source>Reassigned</source>
      <translation>已转派</translation>
    </message>
    <message>
      <source>Complaint feedback</source>
      <translation>投诉进展反馈</translation>
    </message>
    <message>
      <source>Satisfaction return visit</source>
      <translation>满意度回访</translation>
    </message>
    <message>
      <source>Sales opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <source>Periodic care call</source>
      <translation>定期关怀回访</translation>
    </message>
    <message>
      <source>Supervisor call-back</source>
      <translation>主管回电</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>待回访</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>Reached</source>
      <translation>已接通</translation>
    </message>
    <message>
      <source>No answer</source>
      <translation>无人接听</translation>
    </message>
    <message>
      <source>Busy</source>
      <translation>占线</translation>
    </message>
    <message>
      <source>Wrong number</source>
      <translation>号码错误</translation>
    </message>
    <message>
      <source>Call back later</source>
      <translation>稍后再拨</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>新建</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>修改</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Identifier revealed</source>
      <translation>查看完整证件/卡号</translation>
    </message>
    <message>
      <source>Identity verification</source>
      <translation>身份核验</translation>
    </message>
    <message>
      <source>Exported</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>Rule overridden</source>
      <translation>规则豁免</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>Card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <source>Reserved mobile</source>
      <translation>预留手机号</translation>
    </message>
    <message>
      <source>Phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>Segment</source>
      <translation>客户等级</translation>
    </message>
    <message>
      <source>Risk rating</source>
      <translation>风险承受能力等级</translation>
    </message>
    <message>
      <source>Risk assessed on</source>
      <translation>风险评估日期</translation>
    </message>
    <message>
      <source>Risk rating valid until</source>
      <translation>风险评估有效期至</translation>
    </message>
    <message>
      <source>Do not disturb</source>
      <translation>免打扰</translation>
    </message>
    <message>
      <source>Vulnerable customer</source>
      <translation>特殊关爱客户</translation>
    </message>
    <message>
      <source>Elderly customer</source>
      <translation>老年客户</translation>
    </message>
    <message>
      <source>Authorised agent</source>
      <translation>授权代理人</translation>
    </message>
    <message>
      <source>Agent's relation</source>
      <translation>代理人关系</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Return-visit interval</source>
      <translation>回访周期</translation>
    </message>
    <message>
      <source>Account owner</source>
      <translation>客户经理</translation>
    </message>
  </context>
  <context>
    <name>ConflictDialog</name>
    <message>
      <source>(not changed by you)</source>
      <translation>（您未修改）</translation>
    </message>
    <message>
      <source>Someone else changed this customer</source>
      <translation>该客户资料已被他人修改</translation>
    </message>
    <message>
      <source>While you were editing, another user saved this customer. Compare the values below. Highlighted rows were changed by both of you: tick yours only if it should replace theirs.</source>
      <translation>在您编辑期间，其他同事已保存了该客户的资料。请对比下列数值。高亮的行双方都做了修改：只有确认应以您的修改替换对方的修改时，才勾选您的值。</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>When you opened it</source>
      <translation>您打开时</translation>
    </message>
    <message>
      <source>Saved by the other user</source>
      <translation>他人已保存</translation>
    </message>
    <message>
      <source>Your change (tick to apply)</source>
      <translation>您的修改（勾选即应用）</translation>
    </message>
    <message>
      <source>&amp;Discard mine and show theirs</source>
      <translation>放弃我的修改，显示最新资料(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Apply ticked changes on top of theirs</source>
      <translation>在最新资料上应用勾选的修改(&amp;A)</translation>
    </message>
  </context>
  <context>
    <name>ConsentsTab</name>
    <message>
      <source>Marketing contact needs the customer's consent for that channel. A refused channel must not be used for marketing again. Hover over a cell to see where the choice came from.</source>
      <translation>营销联系须取得客户对该渠道的授权同意；客户拒绝的渠道不得再用于营销。鼠标悬停在单元格上可查看授权来源。</translation>
    </message>
    <message>
      <source>Record the customer's choice</source>
      <translation>登记客户意愿</translation>
    </message>
    <message>
      <source>Purpose / channel</source>
      <translation>用途 / 渠道</translation>
    </message>
    <message>
      <source>Choice</source>
      <translation>意愿</translation>
    </message>
    <message>
      <source>&amp;Source</source>
      <translation>来源(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Note</source>
      <translation>备注(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Granted</source>
      <translation>同意(&amp;G)</translation>
    </message>
    <message>
      <source>Re&amp;fused</source>
      <translation>拒绝(&amp;F)</translation>
    </message>
    <message>
      <source>Optional, e.g. form number or what the customer said</source>
      <translation>选填，如表单编号或客户原话</translation>
    </message>
    <message>
      <source>&amp;Record</source>
      <translation>登记(&amp;R)</translation>
    </message>
    <message>
      <source>Not asked</source>
      <translation>未询问</translation>
    </message>
    <message>
      <source>{purpose} by {channel}: never asked</source>
      <translation>{purpose}（{channel}）：从未询问</translation>
    </message>
    <message>
      <source>✓ Granted</source>
      <translation>✓ 同意</translation>
    </message>
    <message>
      <source>✗ Refused</source>
      <translation>✗ 拒绝</translation>
    </message>
    <message>
      <source>{purpose} by {channel}: {choice}
Source: {source}
Recorded: {when}</source>
      <translation>{purpose}（{channel}）：{choice}
来源：{source}
登记时间：{when}</translation>
    </message>
    <message>
      <source>granted</source>
      <translation>同意</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <source>Recorded: {purpose} by {channel} {choice}</source>
      <translation>已登记：{purpose}（{channel}）{choice}</translation>
    </message>
  </context>
  <context>
    <name>ContactsTab</name>
    <message>
      <source>Identity</source>
      <translation>身份信息</translation>
    </message>
    <message>
      <source>Phone numbers</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>Cards</source>
      <translation>银行卡</translation>
    </message>
    <message>
      <source>E-mail addresses</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Addresses</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>New phone number, e.g. 138 1234 5678 or 010-6512 3456</source>
      <translation>新电话号码，如 138 1234 5678 或 010-6512 3456</translation>
    </message>
    <message>
      <source>Reserved mobile</source>
      <translation>预留手机号</translation>
    </message>
    <message>
      <source>The mobile number the customer registered with the bank (银行预留手机号); used for identity verification</source>
      <translation>客户在银行登记的预留手机号，用于身份核验</translation>
    </message>
    <message>
      <source>&amp;Add phone</source>
      <translation>添加电话(&amp;A)</translation>
    </message>
    <message>
      <source>No phone number recorded</source>
      <translation>未登记电话号码</translation>
    </message>
    <message>
      <source>card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <source>No card recorded</source>
      <translation>未登记银行卡</translation>
    </message>
    <message>
      <source>No e-mail address recorded</source>
      <translation>未登记电子邮箱</translation>
    </message>
    <message>
      <source>No address recorded</source>
      <translation>未登记地址</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>ID number (masked)</source>
      <translation>证件号码（已脱敏）</translation>
    </message>
    <message>
      <source>Authorised agent</source>
      <translation>授权代理人</translation>
    </message>
    <message>
      <source>Reserved</source>
      <translation>预留</translation>
    </message>
    <message>
      <source>Reserved mobile (银行预留手机号): one of the three verification elements</source>
      <translation>银行预留手机号：身份核验三要素之一</translation>
    </message>
    <message>
      <source>Primary</source>
      <translation>主号码</translation>
    </message>
    <message>
      <source>phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>Remove…</source>
      <translation>删除…</translation>
    </message>
    <message>
      <source>Remove {phone} from this customer</source>
      <translation>从该客户资料中删除 {phone}</translation>
    </message>
    <message>
      <source>Reveal…</source>
      <translation>查看完整…</translation>
    </message>
    <message>
      <source>Show the full {what} (supervisors; a reason is required and audited)</source>
      <translation>查看完整{what}（限主管；须填写原因并记入审计日志）</translation>
    </message>
    <message>
      <source>Remove phone number</source>
      <translation>删除电话号码</translation>
    </message>
    <message>
      <source>Remove {phone} from this customer?</source>
      <translation>确定从该客户资料中删除 {phone} 吗？</translation>
    </message>
  </context>
  <context>
    <name>CustomerHeader</name>
    <message>
      <source>{age} years</source>
      <translation>{age} 岁</translation>
    </message>
    <message>
      <source>Elderly customer</source>
      <translation>老年客户</translation>
    </message>
    <message>
      <source>Speak slowly and repeat the key information</source>
      <translation>请放慢语速，重复关键信息</translation>
    </message>
    <message>
      <source>Vulnerable</source>
      <translation>特殊关爱</translation>
    </message>
    <message>
      <source>Do not disturb</source>
      <translation>免打扰</translation>
    </message>
    <message>
      <source>No marketing or care calls to this customer</source>
      <translation>不得对该客户进行营销或关怀外呼</translation>
    </message>
    <message>
      <source>ID number (masked)</source>
      <translation>证件号码（已脱敏）</translation>
    </message>
    <message>
      <source>never</source>
      <translation>无</translation>
    </message>
    <message>
      <source>Last contact: {when}</source>
      <translation>最近联系：{when}</translation>
    </message>
    <message>
      <source>Risk rating: not assessed</source>
      <translation>风险承受能力：未评估</translation>
    </message>
    <message>
      <source>unknown date</source>
      <translation>日期未知</translation>
    </message>
    <message>
      <source>Risk rating: {rating} · expired {date}</source>
      <translation>风险承受能力：{rating} · 已于 {date} 过期</translation>
    </message>
    <message>
      <source>Risk rating: {rating} · valid until {date}</source>
      <translation>风险承受能力：{rating} · 有效期至 {date}</translation>
    </message>
    <message>
      <source>Wealth products may be offered only with a valid rating</source>
      <translation>风险评估有效时方可推荐理财产品</translation>
    </message>
    <message>
      <source>Verified</source>
      <translation>已核验</translation>
    </message>
    <message>
      <source>Not verified</source>
      <translation>未核验</translation>
    </message>
    <message>
      <source>Verification failed</source>
      <translation>核验未通过</translation>
    </message>
    <message>
      <source>Identity verification in this call</source>
      <translation>本次通话的身份核验</translation>
    </message>
  </context>
  <context>
    <name>CustomerPanel</name>
    <message>
      <source>No customer is open. Search for a customer or take a call.</source>
      <translation>尚未打开客户。请查找客户或接听来电。</translation>
    </message>
    <message>
      <source>&amp;Profile</source>
      <translation>资料(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Contacts</source>
      <translation>联系方式(&amp;C)</translation>
    </message>
    <message>
      <source>Co&amp;nsents</source>
      <translation>同意(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Timeline</source>
      <translation>时间线(&amp;T)</translation>
    </message>
    <message>
      <source>The card number does not pass the check-digit test. It was saved; please confirm it with the customer.</source>
      <translation>该卡号未通过校验位检查。已保存，请与客户核对。</translation>
    </message>
  </context>
  <context>
    <name>ErrorMessages</name>
    <message>
      <source>Give a reason of at least {min} characters; it is kept in the audit log.</source>
      <translation>请填写至少 {min} 个字的原因，原因将记入审计日志。</translation>
    </message>
    <message>
      <source>Only a supervisor may do this.</source>
      <translation>仅主管可执行此操作。</translation>
    </message>
    <message>
      <source>Identity verification for this customer is locked after repeated failures until {until}.</source>
      <translation>该客户多次身份核验失败，核验已锁定至 {until}。</translation>
    </message>
    <message>
      <source>This value is already recorded for the customer.</source>
      <translation>该客户已登记此信息。</translation>
    </message>
    <message>
      <source>The text looks like a PIN, password, security code or SMS code. Such data must never be recorded: remove it.</source>
      <translation>内容疑似包含密码、安全码或短信验证码。此类信息严禁记录，请删除。</translation>
    </message>
    <message>
      <source>This number does not exist in the mainland China numbering plan; check the digits.</source>
      <translation>该号码不属于中国大陆号段，请检查号码。</translation>
    </message>
    <message>
      <source>The check character of this ID number does not match; check each digit.</source>
      <translation>证件号码校验位不符，请逐位核对。</translation>
    </message>
    <message>
      <source>A resident ID number has 18 characters.</source>
      <translation>居民身份证号码应为 18 位。</translation>
    </message>
    <message>
      <source>A card number has 12 to 19 digits.</source>
      <translation>卡号应为 12 至 19 位数字。</translation>
    </message>
    <message>
      <source>phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>customer segment</source>
      <translation>客户等级</translation>
    </message>
    <message>
      <source>risk rating</source>
      <translation>风险承受能力等级</translation>
    </message>
    <message>
      <source>card number or reserved mobile</source>
      <translation>卡号或预留手机号</translation>
    </message>
    <message>
      <source>authorised agent</source>
      <translation>授权代理人</translation>
    </message>
    <message>
      <source>notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>purpose</source>
      <translation>用途</translation>
    </message>
    <message>
      <source>channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>source</source>
      <translation>来源</translation>
    </message>
  </context>
  <context>
    <name>MaskedLabel</name>
    <message>
      <source>Copy (masked)</source>
      <translation>复制（脱敏）</translation>
    </message>
  </context>
  <context>
    <name>NewCustomerForm</name>
    <message>
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <source>Only the name is required. Numbers are checked when you press Create; they are stored encrypted and shown masked.</source>
      <translation>仅姓名为必填项。点击“创建”时校验各号码；号码加密存储、脱敏显示。</translation>
    </message>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Phone</source>
      <translation>电话(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Reserved mobile</source>
      <translation>预留手机号(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;ID number</source>
      <translation>证件号码(&amp;I)</translation>
    </message>
    <message>
      <source>&amp;Card number</source>
      <translation>卡号(&amp;C)</translation>
    </message>
    <message>
      <source>Se&amp;gment</source>
      <translation>客户等级(&amp;G)</translation>
    </message>
    <message>
      <source>The mobile registered with the bank (银行预留手机号)</source>
      <translation>客户在银行登记的预留手机号</translation>
    </message>
    <message>
      <source>Resident ID, 18 characters</source>
      <translation>居民身份证号码，18 位</translation>
    </message>
    <message>
      <source>C&amp;reate</source>
      <translation>创建(&amp;R)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>ProfileFields</name>
    <message>
      <source>Automatic (from date of birth)</source>
      <translation>自动（按出生日期）</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Segment default</source>
      <translation>按客户等级默认</translation>
    </message>
    <message>
      <source>{days} days</source>
      <translation>{days} 天</translation>
    </message>
  </context>
  <context>
    <name>ProfileTab</name>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>Se&amp;gment</source>
      <translation>客户等级(&amp;G)</translation>
    </message>
    <message>
      <source>&amp;Risk rating</source>
      <translation>风险承受能力(&amp;R)</translation>
    </message>
    <message>
      <source>Care flags</source>
      <translation>关爱标记</translation>
    </message>
    <message>
      <source>Authorised &amp;agent</source>
      <translation>授权代理人(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Elderly customer</source>
      <translation>老年客户(&amp;E)</translation>
    </message>
    <message>
      <source>Return-&amp;visit interval</source>
      <translation>回访周期(&amp;V)</translation>
    </message>
    <message>
      <source>N&amp;otes</source>
      <translation>备注(&amp;O)</translation>
    </message>
    <message>
      <source>assessed</source>
      <translation>评估日期</translation>
    </message>
    <message>
      <source>valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>Do not disturb</source>
      <translation>免打扰</translation>
    </message>
    <message>
      <source>The customer asked not to be called for marketing or care visits</source>
      <translation>客户要求不接受营销或关怀外呼</translation>
    </message>
    <message>
      <source>Vulnerable customer</source>
      <translation>特殊关爱客户</translation>
    </message>
    <message>
      <source>Needs extra care (illness, disability, financial hardship…)</source>
      <translation>需要特别关照（疾病、残障、经济困难等）</translation>
    </message>
    <message>
      <source>Segment default</source>
      <translation>按客户等级默认</translation>
    </message>
    <message>
      <source> days</source>
      <translation> 天</translation>
    </message>
    <message>
      <source>Name of the person allowed to act for the customer</source>
      <translation>经授权代客户办理业务的人员姓名</translation>
    </message>
    <message>
      <source>relation</source>
      <translation>关系</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Undo changes</source>
      <translation>撤销修改(&amp;U)</translation>
    </message>
    <message>
      <source>Not assessed</source>
      <translation>未评估</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Automatic (no date of birth)</source>
      <translation>自动（无出生日期）</translation>
    </message>
    <message>
      <source>Automatic (from date of birth)</source>
      <translation>自动（按出生日期）</translation>
    </message>
    <message>
      <source>Automatic: yes (age {age})</source>
      <translation>自动：是（{age} 岁）</translation>
    </message>
    <message>
      <source>Automatic: no (age {age})</source>
      <translation>自动：否（{age} 岁）</translation>
    </message>
    <message>
      <source>Unsaved changes: {fields}</source>
      <translation>未保存的修改：{fields}</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>Saved at {time}</source>
      <translation>已于 {time} 保存</translation>
    </message>
    <message>
      <source>Not saved: another user changed this customer. Save again to compare, or undo your changes.</source>
      <translation>未保存：其他同事已修改该客户资料。请再次保存以进行对比，或撤销您的修改。</translation>
    </message>
  </context>
  <context>
    <name>RevealDialog</name>
    <message>
      <source>Reveal {what}</source>
      <translation>查看完整{what}</translation>
    </message>
    <message>
      <source>You are about to see the full {what} {masked}. Reveals are recorded in the audit log with your name and the reason.</source>
      <translation>您将查看完整的{what} {masked}。每次查看都会连同您的姓名和原因记入审计日志。</translation>
    </message>
    <message>
      <source>e.g. customer asked to confirm the card on file</source>
      <translation>如：客户要求核对登记的卡号</translation>
    </message>
    <message>
      <source>&amp;Reason:</source>
      <translation>原因(&amp;R)：</translation>
    </message>
    <message>
      <source>&amp;Reveal</source>
      <translation>查看(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>TimelineModel</name>
    <message>
      <source>{channel} · {category}</source>
      <translation>{channel} · {category}</translation>
    </message>
    <message>
      <source>Complaint case {case_no} · {status}</source>
      <translation>投诉工单 {case_no} · {status}</translation>
    </message>
    <message>
      <source>Case {case_no} · {update}</source>
      <translation>工单 {case_no} · {update}</translation>
    </message>
    <message>
      <source>Follow-up call · {purpose} · {status}</source>
      <translation>跟进回访 · {purpose} · {status}</translation>
    </message>
    <message>
      <source>Follow-up attempt · {outcome}</source>
      <translation>回访拨打 · {outcome}</translation>
    </message>
    <message>
      <source>Sales opportunity · {category} · {status}</source>
      <translation>商机 · {category} · {status}</translation>
    </message>
    <message>
      <source>Sales lead · {state}</source>
      <translation>销售线索 · {state}</translation>
    </message>
    <message>
      <source>Verification locked</source>
      <translation>核验已锁定</translation>
    </message>
    <message>
      <source>Identity verification · {outcome}</source>
      <translation>身份核验 · {outcome}</translation>
    </message>
    <message>
      <source>Identifier revealed · {field}</source>
      <translation>查看完整信息 · {field}</translation>
    </message>
    <message>
      <source>Customer record created</source>
      <translation>新建客户资料</translation>
    </message>
    <message>
      <source>Consent recorded</source>
      <translation>登记授权同意</translation>
    </message>
    <message>
      <source>Phone number added</source>
      <translation>新增电话号码</translation>
    </message>
    <message>
      <source>Phone number removed</source>
      <translation>删除电话号码</translation>
    </message>
    <message>
      <source>Tags changed</source>
      <translation>修改标签</translation>
    </message>
    <message>
      <source>Customer record changed</source>
      <translation>修改客户资料</translation>
    </message>
    <message>
      <source>{minutes} min {seconds} s</source>
      <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
      <source>{seconds} s</source>
      <translation>{seconds} 秒</translation>
    </message>
    <message>
      <source>⚠ Possible fraud</source>
      <translation>⚠ 疑似诈骗</translation>
    </message>
    <message>
      <source>Reply due {due}</source>
      <translation>答复期限 {due}</translation>
    </message>
    <message>
      <source>Due {due}</source>
      <translation>到期 {due}</translation>
    </message>
    <message>
      <source>{notes}
Satisfaction: {reason}</source>
      <translation>{notes}
满意度说明：{reason}</translation>
    </message>
    <message>
      <source>Blocked: {reason}</source>
      <translation>已拦截：{reason}</translation>
    </message>
    <message>
      <source>{purpose} by {channel}: {choice} ({source})</source>
      <translation>{purpose}（{channel}）：{choice}（{source}）</translation>
    </message>
    <message>
      <source>granted</source>
      <translation>同意</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <source>{phone} (reserved mobile)</source>
      <translation>{phone}（预留手机号）</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>Reason: {reason}</source>
      <translation>原因：{reason}</translation>
    </message>
    <message>
      <source>Not matching: {elements}</source>
      <translation>不一致：{elements}</translation>
    </message>
    <message>
      <source>Fields: {fields}</source>
      <translation>修改项：{fields}</translation>
    </message>
  </context>
  <context>
    <name>VerificationPanel</name>
    <message>
      <source>Identity verification</source>
      <translation>身份核验</translation>
    </message>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;ID number</source>
      <translation>证件号码(&amp;I)</translation>
    </message>
    <message>
      <source>Card number</source>
      <translation>卡号</translation>
    </message>
    <message>
      <source>Reserved mobile</source>
      <translation>预留手机号</translation>
    </message>
    <message>
      <source>As the caller says it</source>
      <translation>按来电客户所述填写</translation>
    </message>
    <message>
      <source>18 characters</source>
      <translation>18 位</translation>
    </message>
    <message>
      <source>&amp;Verify</source>
      <translation>核验(&amp;V)</translation>
    </message>
    <message>
      <source>Check what the caller said (Enter); the stored values are never shown</source>
      <translation>核对客户所述信息（回车）；系统不会显示登记的信息</translation>
    </message>
    <message>
      <source>11-digit mobile number registered with the bank</source>
      <translation>客户在银行预留的 11 位手机号</translation>
    </message>
    <message>
      <source>Any of the customer's card numbers</source>
      <translation>客户名下任一卡号</translation>
    </message>
    <message>
      <source>✓ Matches</source>
      <translation>✓ 一致</translation>
    </message>
    <message>
      <source>✗ Does not match</source>
      <translation>✗ 不一致</translation>
    </message>
    <message>
      <source>Not verified in this call</source>
      <translation>本次通话未核验</translation>
    </message>
    <message>
      <source>{status} · attempts left before the lock: {left}</source>
      <translation>{status} · 锁定前还可尝试 {left} 次</translation>
    </message>
    <message>
      <source>Attempts in this call: {count}; the last at {time}</source>
      <translation>本次通话核验 {count} 次；最近一次 {time}</translation>
    </message>
  </context>
</TS>