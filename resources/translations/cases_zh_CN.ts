<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseDetail</name>
    <message>
        <source>Start &amp;Handling</source>
        <translation>开始处理(&amp;H)</translation>
    </message>
    <message>
        <source>A&amp;waiting Customer</source>
        <translation>待客户反馈(&amp;W)</translation>
    </message>
    <message>
        <source>Customer &amp;Replied</source>
        <translation>客户已回复(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>解决(&amp;S)…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新处理(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Close Case…</source>
        <translation>关闭工单(&amp;C)…</translation>
    </message>
    <message>
        <source>Request &amp;Extension…</source>
        <translation>申请延期(&amp;E)…</translation>
    </message>
    <message>
        <source>A&amp;pprove Extension</source>
        <translation>批准延期(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;ject Extension…</source>
        <translation>驳回延期(&amp;J)…</translation>
    </message>
    <message>
        <source>Open C&amp;ustomer</source>
        <translation>打开客户(&amp;U)</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>指派(&amp;G)…</translation>
    </message>
    <message>
        <source>Change who handles the case, the responsible department and whom the customer complained about</source>
        <translation>更改工单处理人、责任部门以及被投诉人</translation>
    </message>
    <message>
        <source>Progress note (Ctrl+Enter adds it)</source>
        <translation>处理进展（Ctrl+Enter 添加）</translation>
    </message>
    <message>
        <source>Choose a case in the list.</source>
        <translation>请在列表中选择一个投诉工单。</translation>
    </message>
    <message>
        <source>Add &amp;Addendum</source>
        <translation>添加补记(&amp;A)</translation>
    </message>
    <message>
        <source>Add &amp;Note</source>
        <translation>添加进展(&amp;N)</translation>
    </message>
    <message>
        <source>given {when}</source>
        <translation>已于 {when} 反馈</translation>
    </message>
    <message>
        <source>First feedback: {feedback} ({state})</source>
        <translation>首次反馈：{feedback}（{state}）</translation>
    </message>
    <message>
        <source>Resolution due: {due} ({state})</source>
        <translation>办结期限：{due}（{state}）</translation>
    </message>
    <message>
        <source>clock paused</source>
        <translation>计时已暂停</translation>
    </message>
    <message>
        <source>extended ({level})</source>
        <translation>已延期（第 {level} 次）</translation>
    </message>
    <message>
        <source>extension awaiting approval</source>
        <translation>延期申请待审批</translation>
    </message>
    <message>
        <source>closed: read-only, later notes are addenda</source>
        <translation>已关闭：只读，之后的记录为补记</translation>
    </message>
    <message>
        <source>Handled by: {name}</source>
        <translation>处理人：{name}</translation>
    </message>
    <message>
        <source>Responsible department: {department}</source>
        <translation>责任部门：{department}</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Complaint about: {name}</source>
        <translation>被投诉人：{name}</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Resolve Case</source>
        <translation>解决投诉工单</translation>
    </message>
    <message>
        <source>Resolution told to the customer:</source>
        <translation>告知客户的处理结果：</translation>
    </message>
    <message>
        <source>Reopen Case</source>
        <translation>重新处理投诉工单</translation>
    </message>
    <message>
        <source>Why the customer does not accept it:</source>
        <translation>客户不接受的原因：</translation>
    </message>
    <message>
        <source>Request Extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Reason for the extension:</source>
        <translation>延期原因：</translation>
    </message>
    <message>
        <source>Reject Extension</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <source>Reason for refusing:</source>
        <translation>驳回原因：</translation>
    </message>
</context>
<context>
    <name>CaseHandlingDialog</name>
    <message>
        <source>Case Handling — {case_no}</source>
        <translation>工单处理安排 — {case_no}</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>(nobody named)</source>
        <translation>（未指明）</translation>
    </message>
    <message>
        <source>The employee the customer complained about may never handle the complaint.</source>
        <translation>被投诉的员工不得处理该投诉（回避）。</translation>
    </message>
    <message>
        <source>Handled &amp;by:</source>
        <translation>处理人(&amp;B)：</translation>
    </message>
    <message>
        <source>Responsible &amp;department:</source>
        <translation>责任部门(&amp;D)：</translation>
    </message>
    <message>
        <source>Complaint &amp;about:</source>
        <translation>被投诉人(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <source>Accepted</source>
        <translation>受理</translation>
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
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>未超期</translation>
    </message>
    <message>
        <source>near deadline</source>
        <translation>临近期限</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>This step is not allowed from the case&apos;s current status.</source>
        <translation>投诉工单当前状态下不允许此操作。</translation>
    </message>
    <message>
        <source>The case is closed: only addenda can be added.</source>
        <translation>投诉工单已关闭：只能添加补记。</translation>
    </message>
    <message>
        <source>Another supervisor must approve an extension you requested yourself.</source>
        <translation>您本人申请的延期须由其他主管审批。</translation>
    </message>
    <message>
        <source>An extension request is already waiting for approval.</source>
        <translation>已有一个延期申请在等待审批。</translation>
    </message>
    <message>
        <source>The deadline cannot be extended any further.</source>
        <translation>办结期限不能再延长。</translation>
    </message>
    <message>
        <source>This extension request was already handled.</source>
        <translation>该延期申请已被处理。</translation>
    </message>
    <message>
        <source>The employee the customer complained about may not handle this complaint (conflict of interest): choose someone else to handle it.</source>
        <translation>被投诉的员工不得处理该投诉（回避）：请改派其他人处理。</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>[Reassigned] {old} → {new}</source>
        <translation>[改派] {old} → {new}</translation>
    </message>
    <message>
        <source>[Responsible department] {old} → {new}</source>
        <translation>[责任部门] {old} → {new}</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>[Priority raised] {old} → {new}</source>
        <translation>[优先级提升] {old} → {new}</translation>
    </message>
    <message>
        <source>{days} working days left</source>
        <translation>剩余 {days} 个工作日</translation>
    </message>
    <message>
        <source>1 working day {hours} h left</source>
        <translation>剩余 1 个工作日 {hours} 小时</translation>
    </message>
    <message>
        <source>{hours} working h left</source>
        <translation>剩余 {hours} 个工作小时</translation>
    </message>
    <message>
        <source>overdue by {days} working days</source>
        <translation>已超期 {days} 个工作日</translation>
    </message>
    <message>
        <source>overdue by 1 working day {hours} h</source>
        <translation>已超期 1 个工作日 {hours} 小时</translation>
    </message>
    <message>
        <source>overdue by {hours} working h</source>
        <translation>已超期 {hours} 个工作小时</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Case no.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>First feedback due</source>
        <translation>首次反馈期限</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source> (clock paused)</source>
        <translation>（计时暂停）</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>given</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <source>clock paused</source>
        <translation>计时已暂停</translation>
    </message>
    <message>
        <source>repeat complaint</source>
        <translation>重复投诉</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>My open cases</source>
        <translation>我的未结工单</translation>
    </message>
    <message>
        <source>All open cases</source>
        <translation>全部未结工单</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Near deadline</source>
        <translation>临近期限</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Note Not Added</source>
        <translation>处理进展未添加</translation>
    </message>
    <message>
        <source>The progress note you typed for case {case_no} has not been added. Discard it?</source>
        <translation>您为工单 {case_no} 填写的处理进展尚未添加。要放弃这段内容吗？</translation>
    </message>
</context>
<context>
    <name>CloseCaseDialog</name>
    <message>
        <source>Close Case {case_no}</source>
        <translation>关闭投诉工单 {case_no}</translation>
    </message>
    <message>
        <source>The customer was told of further channels (e.g. the regulator&apos;s hotline 12378)</source>
        <translation>已告知客户其他救济渠道（如监管热线 12378）</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>处理结果(&amp;R)：</translation>
    </message>
    <message>
        <source>Root &amp;cause:</source>
        <translation>问题根源(&amp;C)：</translation>
    </message>
    <message>
        <source>Corrective &amp;action:</source>
        <translation>整改措施(&amp;A)：</translation>
    </message>
    <message>
        <source>Close &amp;Case</source>
        <translation>关闭工单(&amp;C)</translation>
    </message>
    <message>
        <source>Tell the customer where else they can turn, then tick this.</source>
        <translation>请告知客户其他救济渠道，然后勾选此项。</translation>
    </message>
</context>
</TS>
