<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgendaModel</name>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Care call due</source>
        <translation>待定期回访</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <source>&amp;Open Customer</source>
        <translation>打开客户(&amp;O)</translation>
    </message>
    <message>
        <source>Show the customer in the workspace (Enter)</source>
        <translation>在工作台中显示该客户（Enter）</translation>
    </message>
    <message>
        <source>&amp;Reached</source>
        <translation>已接通(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;No Answer</source>
        <translation>无人接听(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Busy</source>
        <translation>占线(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Wrong Number</source>
        <translation>号码错误(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Call Back Later…</source>
        <translation>稍后回电(&amp;C)…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the agenda again (F5)</source>
        <translation>重新读取日程（F5）</translation>
    </message>
    <message>
        <source>Open Customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>The agenda could not be read. Press F5 to try again.</source>
        <translation>无法读取日程。请按 F5 重试。</translation>
    </message>
    <message>
        <source>Record Call Outcome</source>
        <translation>记录通话结果</translation>
    </message>
    <message>
        <source>{customer}: escalated to a supervisor.</source>
        <translation>{customer}：已升级给主管。</translation>
    </message>
    <message>
        <source>{customer}: reached; a supervisor will call back about the low score.</source>
        <translation>{customer}：已接通；评分较低，主管将回电跟进。</translation>
    </message>
    <message>
        <source>{customer}: reached; the next follow-up is on the agenda.</source>
        <translation>{customer}：已接通；下一次跟进已列入日程。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Overdue: {overdue} · Today: {today} · Upcoming: {upcoming} · Care calls due: {care}</source>
        <translation>逾期：{overdue} · 今天：{today} · 即将到期：{upcoming} · 待定期回访：{care}</translation>
    </message>
    <message>
        <source> · Cases near or past a deadline: {cases}</source>
        <translation> · 临近或超过时限的工单：{cases}</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Record Call Outcome</source>
        <translation>记录通话结果</translation>
    </message>
    <message>
        <source>{outcome}: {customer}</source>
        <translation>{outcome}：{customer}</translation>
    </message>
    <message>
        <source>How satisfied is the customer with how the complaint was handled?</source>
        <translation>客户对本次投诉的处理结果满意吗？</translation>
    </message>
    <message>
        <source>Call back &amp;at:</source>
        <translation>回电时间(&amp;A)：</translation>
    </message>
    <message>
        <source>What the customer said, what was agreed…</source>
        <translation>客户说了什么，双方约定了什么…</translation>
    </message>
    <message>
        <source>Reason for the new time, what was said…</source>
        <translation>改期原因、通话内容…</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>The customer &amp;declined to give a score</source>
        <translation>客户拒绝评分(&amp;D)</translation>
    </message>
    <message>
        <source>Required: why is the customer unhappy? A supervisor will call back.</source>
        <translation>必填：客户为什么不满意？主管将回电跟进。</translation>
    </message>
    <message>
        <source>Why this score (optional)</source>
        <translation>评分原因（可选）</translation>
    </message>
    <message>
        <source>Ask the customer for a score (Alt+1 … Alt+5), or tick that they declined to give one.</source>
        <translation>请客户给出评分（Alt+1 … Alt+5），或勾选客户拒绝评分。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Care due</source>
        <translation>待关怀</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Cases near deadline</source>
        <translation>临近时限工单</translation>
    </message>
    <message>
        <source>Cases overdue</source>
        <translation>超时工单</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ReminderBanner</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Snooze 10 min</source>
        <translation>稍后提醒 10 分钟</translation>
    </message>
    <message>
        <source>Snooze 1 h</source>
        <translation>稍后提醒 1 小时</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> (+{count} more)</source>
        <translation>（另有 {count} 条）</translation>
    </message>
    <message>
        <source>Follow-up due {due}: {customer} {phone} — {purpose}</source>
        <translation>跟进到期 {due}：{customer} {phone} — {purpose}</translation>
    </message>
    <message>
        <source>first feedback</source>
        <translation>首次反馈</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Case {case_no} ({customer}): the {which} deadline has passed ({due})</source>
        <translation>工单 {case_no}（{customer}）：{which}时限已过（{due}）</translation>
    </message>
    <message>
        <source>Case {case_no} ({customer}): the {which} deadline is near ({due})</source>
        <translation>工单 {case_no}（{customer}）：{which}时限将至（{due}）</translation>
    </message>
</context>
<context>
    <name>ReminderService</name>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>{count} reminders</source>
        <translation>{count} 条提醒</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
</context>
<context>
    <name>SupervisorView</name>
    <message>
        <source>Move open follow-ups &amp;to:</source>
        <translation>将未完成跟进转给(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Reassign</source>
        <translation>转派(&amp;R)</translation>
    </message>
    <message>
        <source>Give every open follow-up of the selected agent to the colleague</source>
        <translation>把所选坐席的全部未完成跟进转给该同事</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Counting every agent&apos;s queue…</source>
        <translation>正在统计各坐席的队列…</translation>
    </message>
    <message>
        <source>{agents} agents · {overdue} overdue follow-ups</source>
        <translation>{agents} 名坐席 · {overdue} 条逾期跟进</translation>
    </message>
    <message>
        <source>The queues could not be counted. Press F5 to try again.</source>
        <translation>无法统计队列。请按 F5 重试。</translation>
    </message>
    <message>
        <source>Reassign Follow-ups</source>
        <translation>转派跟进</translation>
    </message>
    <message>
        <source>Give all {count} open follow-ups of {source} to {target}?</source>
        <translation>将 {source} 的全部 {count} 条未完成跟进转给 {target}？</translation>
    </message>
</context>
</TS>
