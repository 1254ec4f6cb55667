<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CallTimer</name>
    <message>
        <source>Stop (F5)</source>
        <translation>停止 (F5)</translation>
    </message>
    <message>
        <source>Start (F5)</source>
        <translation>开始 (F5)</translation>
    </message>
    <message>
        <source>Start or stop the call timer (F5)</source>
        <translation>开始或停止通话计时 (F5)</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>时长(&amp;D)：</translation>
    </message>
    <message>
        <source>How long the call took (hours:minutes:seconds); filled in by the timer, and can be corrected</source>
        <translation>本次通话时长（时:分:秒），由计时器自动填入，可手动修改</translation>
    </message>
    <message>
        <source>Call time {time}</source>
        <translation>通话时长 {time}</translation>
    </message>
</context>
<context>
    <name>CaseOpenDialog</name>
    <message>
        <source>Open a Complaint Case</source>
        <translation>开立投诉工单</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>投诉类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>严重程度(&amp;V)：</translation>
    </message>
    <message>
        <source>S&amp;ummary:</source>
        <translation>摘要(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>详细描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>One line: what the customer complains about</source>
        <translation>一句话说明客户投诉的问题</translation>
    </message>
    <message>
        <source>The facts: what happened, when, what the customer expects</source>
        <translation>事实经过：发生了什么、何时发生、客户的诉求</translation>
    </message>
    <message>
        <source>The case will be linked to the call just saved.</source>
        <translation>工单将关联刚保存的服务记录。</translation>
    </message>
    <message>
        <source>The case will not be linked to a call.</source>
        <translation>工单不关联服务记录。</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open Case</source>
        <translation>开立工单(&amp;O)</translation>
    </message>
    <message>
        <source>Complaint case &lt;b&gt;{case_no}&lt;/b&gt; is open. Reply to the customer by &lt;b&gt;{due}&lt;/b&gt;.</source>
        <translation>投诉工单 &lt;b&gt;{case_no}&lt;/b&gt; 已开立，请在 &lt;b&gt;{due}&lt;/b&gt; 前答复客户。</translation>
    </message>
</context>
<context>
    <name>FeedbackRow</name>
    <message>
        <source>What the feedback is about</source>
        <translation>反馈类型</translation>
    </message>
    <message>
        <source>Product (optional)</source>
        <translation>产品（可选）</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>客户反馈的内容</translation>
    </message>
    <message>
        <source>Remove this feedback</source>
        <translation>删除此条反馈</translation>
    </message>
</context>
<context>
    <name>FollowUpBanner</name>
    <message>
        <source>Log this call without the follow-up</source>
        <translation>本次通话不计入此跟进，单独记录</translation>
    </message>
    <message>
        <source>Remove the follow-up from this call</source>
        <translation>从本次通话中移除此跟进</translation>
    </message>
    <message>
        <source>{due} (overdue)</source>
        <translation>{due}（已逾期）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Follow-up: {purpose}&lt;/b&gt; · due {due}</source>
        <translation>&lt;b&gt;跟进：{purpose}&lt;/b&gt; · 到期 {due}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>Ask the customer for a satisfaction score (Alt+1 … Alt+5).</source>
        <translation>请客户给出满意度评分（Alt+1 … Alt+5）。</translation>
    </message>
    <message>
        <source>Saving the call records it as an attempt for this follow-up; a call that reaches the customer completes it.</source>
        <translation>保存本次通话即记为此跟进的一次联系尝试；联系上客户即完成此跟进。</translation>
    </message>
    <message>
        <source>Saved; the follow-up was escalated to a supervisor.</source>
        <translation>已保存；此跟进已升级给主管。</translation>
    </message>
    <message>
        <source>Saved; the follow-up is moved to {when}.</source>
        <translation>已保存；此跟进已改至 {when}。</translation>
    </message>
    <message>
        <source>Saved; the follow-up is done and a supervisor will call the customer back.</source>
        <translation>已保存；此跟进已完成，主管将回电客户。</translation>
    </message>
    <message>
        <source>Saved; the follow-up is done and the next one is on the agenda.</source>
        <translation>已保存；此跟进已完成，下一次跟进已列入日程。</translation>
    </message>
    <message>
        <source>Saved; the follow-up is done.</source>
        <translation>已保存；此跟进已完成。</translation>
    </message>
    <message>
        <source>Case {case_no}</source>
        <translation>投诉工单 {case_no}</translation>
    </message>
    <message>
        <source>Attempts so far: {count}</source>
        <translation>已尝试联系：{count} 次</translation>
    </message>
    <message>
        <source>last: {outcome}, {when}</source>
        <translation>上次：{outcome}，{when}</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Schedule a Follow-up Call</source>
        <translation>预约回访</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <source>Tomorrow &amp;morning</source>
        <translation>明天上午(&amp;M)</translation>
    </message>
    <message>
        <source>In &amp;2 hours</source>
        <translation>2 小时后(&amp;2)</translation>
    </message>
    <message>
        <source>Next Mon&amp;day</source>
        <translation>下周一(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>目的(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>What was promised, what to check before calling</source>
        <translation>向客户承诺了什么，回访前需要核实什么</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>预约(&amp;S)</translation>
    </message>
</context>
<context>
    <name>InteractionForm</name>
    <message>
        <source>C&amp;hannel:</source>
        <translation>渠道(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>服务记录(&amp;N)：</translation>
    </message>
    <message>
        <source>What the customer asked or reported, what you did, what was agreed.
Never write down PINs, passwords, CVN, card expiry dates or SMS codes.</source>
        <translation>客户咨询或反映的问题、处理过程及结果、与客户的约定。
切勿记录密码、CVN 安全码、卡片有效期或短信验证码。</translation>
    </message>
    <message>
        <source>Insert &amp;Template…</source>
        <translation>插入模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Insert a standard answer at the cursor (Ctrl+T)</source>
        <translation>在光标处插入标准应答模板 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <source>Feedback:</source>
        <translation>客户反馈：</translation>
    </message>
    <message>
        <source>Add &amp;Feedback</source>
        <translation>添加反馈(&amp;F)</translation>
    </message>
    <message>
        <source>Record what the customer said about a product, a process, a system or our service</source>
        <translation>记录客户对产品、流程、系统或服务的意见</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save this call (Ctrl+Enter or Ctrl+S)</source>
        <translation>保存本次服务记录 (Ctrl+Enter 或 Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Follow-&amp;up…</source>
        <translation>预约回访(&amp;U)…</translation>
    </message>
    <message>
        <source>Schedule a follow-up call with this customer</source>
        <translation>与客户约定跟进回访的时间</translation>
    </message>
    <message>
        <source>Complaint Cas&amp;e…</source>
        <translation>开投诉工单(&amp;E)…</translation>
    </message>
    <message>
        <source>Open a complaint case linked to this call</source>
        <translation>开立投诉工单并关联本次服务记录</translation>
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
        <source>Another Customer</source>
        <translation>客户已切换</translation>
    </message>
    <message>
        <source>You started these notes while another customer was open. Save them for the customer shown now?</source>
        <translation>您开始填写这条记录时打开的是另一位客户。要保存到当前显示的客户名下吗？</translation>
    </message>
    <message>
        <source>Saved; a follow-up call by a supervisor was created.</source>
        <translation>已保存；已为主管创建回访。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>This call will be logged on its own; the follow-up stays open.</source>
        <translation>本次通话将单独记录；此跟进保持未完成。</translation>
    </message>
    <message>
        <source>The follow-up was closed elsewhere in the meantime, so the call was not saved. Save again to log it on its own.</source>
        <translation>此跟进已在别处关闭，本次通话未保存。再次保存即可单独记录本次通话。</translation>
    </message>
    <message>
        <source>The follow-up was changed elsewhere in the meantime (see above), so the call was not saved. Check it and save again.</source>
        <translation>此跟进刚被他人修改（见上方），本次通话未保存。请核对后再次保存。</translation>
    </message>
    <message>
        <source>Open Complaint Case</source>
        <translation>开投诉工单</translation>
    </message>
    <message>
        <source>The case is linked to this call, so the call is saved first. Save it now?</source>
        <translation>投诉工单需要关联本次服务记录，因此要先保存本次记录。现在保存吗？</translation>
    </message>
    <message>
        <source>Write down the customer&apos;s complaint in the notes first: the case is linked to the call.</source>
        <translation>请先在服务记录中写明客户投诉的内容：工单将关联这条记录。</translation>
    </message>
    <message>
        <source>Complaint case {case_no} opened.</source>
        <translation>投诉工单 {case_no} 已开立。</translation>
    </message>
    <message>
        <source>Follow-up scheduled for {when}.</source>
        <translation>已预约回访：{when}。</translation>
    </message>
</context>
<context>
    <name>InteractionLabels</name>
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
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
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
        <source>Marketing</source>
        <translation>营销</translation>
    </message>
    <message>
        <source>(not stated)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Follow-up promised</source>
        <translation>需回访跟进</translation>
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
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>流程</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Satisfaction visit</source>
        <translation>满意度回访</translation>
    </message>
    <message>
        <source>Complaint progress</source>
        <translation>投诉进展反馈</translation>
    </message>
    <message>
        <source>Sales opportunity</source>
        <translation>商机跟进</translation>
    </message>
    <message>
        <source>Periodic care</source>
        <translation>定期关怀</translation>
    </message>
    <message>
        <source>Supervisor call</source>
        <translation>主管回电</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Service scripts</source>
        <translation>服务话术</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Bank cards</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Credit cards</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>E-banking</source>
        <translation>电子银行</translation>
    </message>
    <message>
        <source>Deposits</source>
        <translation>存款</translation>
    </message>
    <message>
        <source>Wealth management</source>
        <translation>理财</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Foreign exchange</source>
        <translation>外汇</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <source>Anti-fraud</source>
        <translation>反诈</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
</context>
<context>
    <name>InteractionMessages</name>
    <message>
        <source>This looks like {kinds}. Authentication data is never saved: remove it before saving.</source>
        <translation>这里疑似包含{kinds}。身份验证信息一律不得记录：请删除后再保存。</translation>
    </message>
    <message>
        <source>A score of 1 or 2 needs the reason: what was the customer unhappy with?</source>
        <translation>评分为 1 或 2 时必须填写原因：客户对什么不满意？</translation>
    </message>
    <message>
        <source>This time has already passed: choose a later one.</source>
        <translation>该时间已过，请选择以后的时间。</translation>
    </message>
    <message>
        <source>The time has no time zone.</source>
        <translation>时间缺少时区信息。</translation>
    </message>
    <message>
        <source>Only supervisors and administrators may do this.</source>
        <translation>只有主管和管理员可以执行此操作。</translation>
    </message>
    <message>
        <source>Open a customer first.</source>
        <translation>请先打开客户。</translation>
    </message>
    <message>
        <source>Nobody answered, so there is no satisfaction score: clear it or change the outcome.</source>
        <translation>无人接听就没有满意度评分：请清除评分或更改处理结果。</translation>
    </message>
    <message>
        <source>This follow-up belongs to another customer.</source>
        <translation>此跟进属于另一位客户。</translation>
    </message>
    <message>
        <source>a card PIN</source>
        <translation>银行卡密码</translation>
    </message>
    <message>
        <source>a password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>a card security code (CVN)</source>
        <translation>卡片安全码（CVN）</translation>
    </message>
    <message>
        <source>an SMS verification code</source>
        <translation>短信验证码</translation>
    </message>
    <message>
        <source>a card expiry date</source>
        <translation>卡片有效期</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between kinds of authentication data</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>SatisfactionPicker</name>
    <message>
        <source>{score} – {meaning} (Alt+{score})</source>
        <translation>{score} 分 – {meaning} (Alt+{score})</translation>
    </message>
    <message>
        <source>Satisfaction {score}: {meaning}</source>
        <translation>满意度 {score} 分：{meaning}</translation>
    </message>
</context>
<context>
    <name>TemplateEditDialog</name>
    <message>
        <source>Add Answer Template</source>
        <translation>新增应答模板</translation>
    </message>
    <message>
        <source>Edit Answer Template</source>
        <translation>编辑应答模板</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>关键词(&amp;K)：</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>正文(&amp;X)：</translation>
    </message>
    <message>
        <source>Words agents may search for, separated by spaces</source>
        <translation>客服可能搜索的词，用空格分隔</translation>
    </message>
    <message>
        <source>Placeholders in braces are filled in when the template is inserted, e.g. {客户称呼} or {customer}; any other is left for the agent to replace.</source>
        <translation>花括号中的占位符在插入模板时自动填写，如 {客户称呼} 或 {customer}；无法填写的保留原样，由客服替换。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Someone else changed this template while you were editing it. Their version is shown now: make your change again and save.</source>
        <translation>您编辑期间，其他人修改了这个模板。现在显示的是对方保存的版本：请重新修改后再保存。</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Answer Templates</source>
        <translation>应答模板</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Words from the title, keywords or text</source>
        <translation>输入标题、关键词或正文中的词</translation>
    </message>
    <message>
        <source>Show &amp;both languages</source>
        <translation>显示中英文(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <source>Insert the text into the call notes (Enter)</source>
        <translation>将正文插入服务记录 (Enter)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the text to the clipboard, e.g. for a chat window</source>
        <translation>复制正文到剪贴板，例如粘贴到在线客服窗口</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Hide this template from everyone&apos;s search</source>
        <translation>让所有人都搜索不到这个模板</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>找到 {count} 个</translation>
    </message>
    <message>
        <source>No template contains these words.</source>
        <translation>没有包含这些词的模板。</translation>
    </message>
    <message>
        <source>There are no templates yet.</source>
        <translation>还没有模板。</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Deactivate Template</source>
        <translation>停用模板</translation>
    </message>
    <message>
        <source>Hide “{title}” from everyone&apos;s search? It stays in the history and can be restored by an administrator.</source>
        <translation>让所有人都搜索不到“{title}”吗？模板仍保留在历史记录中，管理员可以恢复。</translation>
    </message>
</context>
</TS>
