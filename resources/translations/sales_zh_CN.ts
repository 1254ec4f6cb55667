<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DetectionPanel</name>
    <message>
        <source>Sales hints are unavailable: the detection rules could not be read. Tell your administrator.</source>
        <translation>商机提示不可用：无法读取识别规则，请告知系统管理员。</translation>
    </message>
    <message>
        <source>Possible fraud: no sales hints for this call.</source>
        <translation>疑似诈骗：本次通话不提示商机。</translation>
    </message>
    <message>
        <source>Possible needs (a hint; nothing goes to sales until you confirm it after saving):</source>
        <translation>可能的需求（仅为提示；保存后经您确认才会移交销售）：</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 条</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>FraudAlert</name>
    <message>
        <source>⚠ Possible telecom fraud: stop any transfer and read the script to the customer</source>
        <translation>⚠ 疑似电信诈骗：请立即劝阻客户转账，并向客户宣读劝阻话术</translation>
    </message>
    <message>
        <source>Close this warning (the call is saved)</source>
        <translation>关闭此预警（本次通话已保存）</translation>
    </message>
    <message>
        <source>Full Script…</source>
        <translation>完整话术…</translation>
    </message>
    <message>
        <source>Show the whole dissuasion script in a separate window</source>
        <translation>在单独窗口中显示完整劝阻话术</translation>
    </message>
    <message>
        <source>Dissuasion script read</source>
        <translation>已宣读劝阻话术</translation>
    </message>
    <message>
        <source>Record that you read the dissuasion script to the customer</source>
        <translation>登记：已向客户宣读劝阻话术</translation>
    </message>
    <message>
        <source>Notify branch security</source>
        <translation>通知网点安保</translation>
    </message>
    <message>
        <source>Record that you told branch security about this call</source>
        <translation>登记：已将本次通话告知网点安保</translation>
    </message>
    <message>
        <source>Call 96110</source>
        <translation>拨打 96110</translation>
    </message>
    <message>
        <source>Record that you called the anti-fraud hotline 96110</source>
        <translation>登记：已拨打 96110 反诈专线</translation>
    </message>
    <message>
        <source>Notify supervisor</source>
        <translation>通知主管</translation>
    </message>
    <message>
        <source>Record that you told your supervisor about this call</source>
        <translation>登记：已将本次通话告知客服主管</translation>
    </message>
    <message>
        <source>Heard: {phrases}</source>
        <translation>识别到：{phrases}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not recorded: {error}</source>
        <translation>未能登记：{error}</translation>
    </message>
    <message>
        <source>Saved as a fraud warning; no sales lead will be made from this call. Each action is recorded as you click it.</source>
        <translation>已保存为反诈预警，本次通话不会生成销售线索。点击各项处置即登记。</translation>
    </message>
    <message>
        <source>No sales lead will be made from this call. What you do is recorded when the call is saved.</source>
        <translation>本次通话不会生成销售线索。您的处置将在保存服务记录时登记。</translation>
    </message>
</context>
<context>
    <name>FraudScriptDialog</name>
    <message>
        <source>Dissuasion Script</source>
        <translation>劝阻话术</translation>
    </message>
</context>
<context>
    <name>LeadCreateDialog</name>
    <message>
        <source>Create Sales Lead</source>
        <translation>创建销售线索</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>产品(&amp;P)：</translation>
    </message>
    <message>
        <source>★ marks the products suggested for this need; the others are every product on sale in the same category. Products within the customer&apos;s risk rating come first; those above it are marked and cannot go to sales.</source>
        <translation>★ 为针对该需求推荐的产品；其余为同类别中所有在售产品。符合客户风险承受能力的产品排在前面；超出的已标出，不能移交销售。</translation>
    </message>
    <message>
        <source>Sales contacts the customer &amp;by:</source>
        <translation>销售联系客户的渠道(&amp;B)：</translation>
    </message>
    <message>
        <source>Choose a channel…</source>
        <translation>请选择渠道…</translation>
    </message>
    <message>
        <source>Suitability and consent, checked before the lead is created:</source>
        <translation>创建线索前的适当性与营销同意检查：</translation>
    </message>
    <message>
        <source>{name} ({level})</source>
        <translation>{name}（{level}）</translation>
    </message>
    <message>
        <source>{product}, dual recording</source>
        <translation>{product}，须双录</translation>
    </message>
    <message>
        <source>{product} (above the customer&apos;s risk rating)</source>
        <translation>{product}（超出风险等级）</translation>
    </message>
    <message>
        <source>Suitable, and the customer agreed to marketing on this channel: the lead can go to sales.</source>
        <translation>产品适当，且客户已同意通过该渠道接收营销：线索可移交销售。</translation>
    </message>
    <message>
        <source>Create &amp;Blocked Lead</source>
        <translation>创建受阻线索(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Create Lead</source>
        <translation>创建线索(&amp;C)</translation>
    </message>
    <message>
        <source>No product of this category is on sale.</source>
        <translation>该类别暂无在售产品。</translation>
    </message>
    <message>
        <source>The customer has not agreed to marketing on any channel, so a lead would be blocked. Record the customer&apos;s consent first (Consents tab), or choose a channel to create a blocked lead.</source>
        <translation>客户未同意通过任何渠道接收营销信息，线索将被拦截。请先登记客户的同意（“同意”页），或选择渠道创建被拦截的线索。</translation>
    </message>
    <message>
        <source>No lead can be created.</source>
        <translation>不能创建销售线索。</translation>
    </message>
    <message>
        <source>The lead will be created as blocked and will not go to sales. A supervisor can review it and override the block in the Leads view.</source>
        <translation>线索将以“受阻”状态创建，不会移交销售。客服主管可在“销售线索”视图中复核并越权放行。</translation>
    </message>
    <message>
        <source>The lead will be created as blocked and will not go to sales while this stands; a supervisor cannot override it. Choose a channel the customer agreed to, or record the customer&apos;s consent first.</source>
        <translation>线索将以“受阻”状态创建，在此问题解决前不会移交销售，客服主管也不能越权放行。请选择客户已同意的渠道，或先登记客户的营销同意。</translation>
    </message>
    <message>
        <source>The lead will be created as blocked and will not go to sales while this stands; a supervisor cannot override it. Choose a product within the customer&apos;s risk rating (listed first).</source>
        <translation>线索将以“受阻”状态创建，在此问题解决前不会移交销售，客服主管也不能越权放行。请选择符合客户风险承受能力的产品（排在列表前面）。</translation>
    </message>
    <message>
        <source>The lead will be created as blocked and will not go to sales while this stands; a supervisor cannot override it.</source>
        <translation>线索将以“受阻”状态创建，在此问题解决前不会移交销售，客服主管也不能越权放行。</translation>
    </message>
    <message>
        <source>Blocked:</source>
        <translation>受阻：</translation>
    </message>
    <message>
        <source>Take care when selling:</source>
        <translation>销售时请注意：</translation>
    </message>
    <message>
        <source>This customer already has an open lead for this product; it was not created twice.</source>
        <translation>该客户已有此产品的未结销售线索，未重复创建。</translation>
    </message>
    <message>
        <source>This opportunity was dismissed, so no lead can be made from it.</source>
        <translation>该商机已被忽略，不能据此创建销售线索。</translation>
    </message>
</context>
<context>
    <name>OpportunityReview</name>
    <message>
        <source>&lt;b&gt;Sales opportunities in the call just saved&lt;/b&gt;: confirm those the customer is interested in, dismiss the rest.</source>
        <translation>&lt;b&gt;刚保存通话中的商机&lt;/b&gt;：客户确有兴趣的请确认，其余请忽略。</translation>
    </message>
    <message>
        <source>Hide this list (the opportunities stay stored, undecided ones as detected)</source>
        <translation>隐藏此列表（商机仍会保留，未处理的保持待确认）</translation>
    </message>
    <message>
        <source>Someone else decided on this opportunity first; the list now shows their decision.</source>
        <translation>他人已先处理了该商机，列表现显示其处理结果。</translation>
    </message>
    <message>
        <source>Lead created: it goes to sales with the next export.</source>
        <translation>已创建销售线索：将随下一次导出移交销售。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Lead created but blocked ({reasons}): a supervisor can override it in the Leads view.</source>
        <translation>已创建销售线索，但受阻（{reasons}）：客服主管可在“销售线索”视图中越权放行。</translation>
    </message>
    <message>
        <source>Lead created but blocked ({reasons}): it will not go to sales while this stands.</source>
        <translation>已创建销售线索，但受阻（{reasons}）：在此问题解决前不会移交销售。</translation>
    </message>
</context>
<context>
    <name>OpportunityRowWidget</name>
    <message>
        <source>A lead has been created from it.</source>
        <translation>已据此创建销售线索。</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>The customer is interested: keep this opportunity</source>
        <translation>客户确有兴趣：保留该商机</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Not a real need: drop this opportunity</source>
        <translation>并非真实需求：忽略该商机</translation>
    </message>
    <message>
        <source>Create Lead…</source>
        <translation>创建线索…</translation>
    </message>
    <message>
        <source>Hand this opportunity over to sales as a lead, after the suitability and consent checks</source>
        <translation>经适当性与营销同意检查后，将该商机作为销售线索移交销售</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <source>Audio and video recording of the sale (双录) is required</source>
        <translation>销售时须进行录音录像（双录）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Dual recording</source>
        <translation>双录</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>须双录</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No (retired)</source>
        <translation>否（已停售）</translation>
    </message>
</context>
<context>
    <name>ProductsDialog</name>
    <message>
        <source>Product Catalogue</source>
        <translation>产品目录</translation>
    </message>
    <message>
        <source>Only administrators can edit the product catalogue.</source>
        <translation>只有管理员可以修改产品目录。</translation>
    </message>
    <message>
        <source>Selected product</source>
        <translation>所选产品</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>&amp;Chinese name:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>类别(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Risk level:</source>
        <translation>风险等级(&amp;R)：</translation>
    </message>
    <message>
        <source>R1 · low risk</source>
        <translation>R1 · 低风险</translation>
    </message>
    <message>
        <source>R2 · medium-low risk</source>
        <translation>R2 · 中低风险</translation>
    </message>
    <message>
        <source>R3 · medium risk</source>
        <translation>R3 · 中风险</translation>
    </message>
    <message>
        <source>R4 · medium-high risk</source>
        <translation>R4 · 中高风险</translation>
    </message>
    <message>
        <source>R5 · high risk</source>
        <translation>R5 · 高风险</translation>
    </message>
    <message>
        <source>&amp;Dual recording (双录) required at sale</source>
        <translation>销售时须双录(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;On sale (new leads allowed)</source>
        <translation>在售（可新建销售线索）(&amp;O)</translation>
    </message>
    <message>
        <source>Clear this to retire a product: old leads keep it, new leads for it are blocked. Products are never deleted.</source>
        <translation>取消勾选即停售该产品：已有线索保留该产品，不能再为其新建线索。产品从不删除。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo Changes</source>
        <translation>撤销修改(&amp;U)</translation>
    </message>
    <message>
        <source>Every change is recorded in the audit log. The code cannot be changed: leads and detection rules refer to it.</source>
        <translation>每次修改都记入审计日志。产品代码不可修改：销售线索和识别规则都引用它。</translation>
    </message>
    <message>
        <source>&amp;Load Catalogue File…</source>
        <translation>载入产品目录文件(&amp;L)…</translation>
    </message>
    <message>
        <source>Add and update products from an edited copy of products.toml; products missing from the file are left as they are</source>
        <translation>按修改过的 products.toml 副本新增和更新产品；文件中没有的产品保持不变</translation>
    </message>
    <message>
        <source>{count} products, {active} on sale</source>
        <translation>共 {count} 个产品，{active} 个在售</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Discard your changes to product {code}?</source>
        <translation>放弃对产品 {code} 的修改吗？</translation>
    </message>
    <message>
        <source>Someone else changed this product after you opened it. Its current values are shown now: make your change again if it is still needed.</source>
        <translation>在您打开后，其他人修改了该产品。现在显示的是它的最新内容：如仍需修改，请重新修改。</translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation>该产品已不存在。</translation>
    </message>
    <message>
        <source>Saved product {code}.</source>
        <translation>已保存产品 {code}。</translation>
    </message>
    <message>
        <source>Products added or changed from {file}: {count}</source>
        <translation>已按 {file} 新增或更新产品：{count} 个</translation>
    </message>
    <message>
        <source>{file} matches the catalogue: nothing was changed.</source>
        <translation>{file} 与产品目录一致：没有任何修改。</translation>
    </message>
    <message>
        <source>Load Catalogue File</source>
        <translation>载入产品目录文件</translation>
    </message>
    <message>
        <source>Product catalogues (*.toml);;All files (*)</source>
        <translation>产品目录文件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The catalogue file was not loaded; nothing was changed.</source>
        <translation>产品目录文件未载入，没有任何修改。</translation>
    </message>
    <message>
        <source>File: {file}</source>
        <translation>文件：{file}</translation>
    </message>
    <message>
        <source>Line: {line}</source>
        <translation>行：{line}</translation>
    </message>
    <message>
        <source>Product: {code}</source>
        <translation>产品：{code}</translation>
    </message>
    <message>
        <source>Key: {key}</source>
        <translation>键：{key}</translation>
    </message>
    <message>
        <source>Problem: {reason}</source>
        <translation>问题：{reason}</translation>
    </message>
    <message>
        <source>This key is required and must not be empty.</source>
        <translation>此键为必填项，不能为空。</translation>
    </message>
    <message>
        <source>This field must be filled in.</source>
        <translation>此项必须填写。</translation>
    </message>
    <message>
        <source>Unknown category: use one of the codes listed at the top of products.toml.</source>
        <translation>未知类别：请使用 products.toml 开头列出的类别代码之一。</translation>
    </message>
    <message>
        <source>Choose a category from the list.</source>
        <translation>请从列表中选择类别。</translation>
    </message>
    <message>
        <source>The file cannot be read; it must be a UTF-8 text file.</source>
        <translation>无法读取该文件；它必须是 UTF-8 编码的文本文件。</translation>
    </message>
    <message>
        <source>This is not valid TOML: look for a missing quote, bracket or comma on this line or just before it.</source>
        <translation>这不是有效的 TOML：请在这一行或其前面查找缺少的引号、括号或逗号。</translation>
    </message>
    <message>
        <source>Unknown key: check its spelling (an unknown key is never ignored).</source>
        <translation>未知的键：请检查拼写（未知的键不会被忽略）。</translation>
    </message>
    <message>
        <source>The file contains no [[product]] tables.</source>
        <translation>文件中没有 [[product]] 表。</translation>
    </message>
    <message>
        <source>Each product must be a [[product]] table.</source>
        <translation>每个产品都必须是一个 [[product]] 表。</translation>
    </message>
    <message>
        <source>This product code appears more than once in the file.</source>
        <translation>该产品代码在文件中出现了不止一次。</translation>
    </message>
    <message>
        <source>This value must be text in quotes.</source>
        <translation>此值必须是加引号的文本。</translation>
    </message>
    <message>
        <source>A code may contain only upper-case letters, digits, “-” and “_”, at most 32 characters.</source>
        <translation>代码只能包含大写字母、数字、“-”和“_”，最多 32 个字符。</translation>
    </message>
    <message>
        <source>The text is too long: at most {max} characters.</source>
        <translation>文本过长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>The risk level must be 1 to 5 (R1–R5).</source>
        <translation>风险等级必须是 1 到 5（R1–R5）。</translation>
    </message>
    <message>
        <source>Write true or false, without quotes.</source>
        <translation>请写 true 或 false，不加引号。</translation>
    </message>
    <message>
        <source>Nothing has been changed.</source>
        <translation>没有任何修改。</translation>
    </message>
    <message>
        <source>The product code cannot be changed.</source>
        <translation>产品代码不可修改。</translation>
    </message>
</context>
<context>
    <name>SalesLabels</name>
    <message>
        <source>Deposits</source>
        <translation>存款</translation>
    </message>
    <message>
        <source>Large-denomination CDs</source>
        <translation>大额存单</translation>
    </message>
    <message>
        <source>Structured deposits</source>
        <translation>结构性存款</translation>
    </message>
    <message>
        <source>Wealth management</source>
        <translation>理财产品</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>基金</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>保险</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Consumer loans</source>
        <translation>消费贷款</translation>
    </message>
    <message>
        <source>Mortgages</source>
        <translation>住房贷款</translation>
    </message>
    <message>
        <source>Credit cards</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>Foreign exchange</source>
        <translation>外汇</translation>
    </message>
    <message>
        <source>Cross-border payments</source>
        <translation>跨境支付</translation>
    </message>
    <message>
        <source>E-banking</source>
        <translation>电子银行</translation>
    </message>
    <message>
        <source>Pension products</source>
        <translation>养老金融</translation>
    </message>
    <message>
        <source>Education savings</source>
        <translation>教育金</translation>
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
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已移交</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>成交</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>未成交</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>To confirm</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <source>Dissuasion script read</source>
        <translation>已宣读劝阻话术</translation>
    </message>
    <message>
        <source>Branch security notified</source>
        <translation>已通知网点安保</translation>
    </message>
    <message>
        <source>96110 called</source>
        <translation>已拨打 96110</translation>
    </message>
    <message>
        <source>Supervisor notified</source>
        <translation>已通知主管</translation>
    </message>
    <message>
        <source>Priority raised</source>
        <translation>已提高优先级</translation>
    </message>
    <message>
        <source>Other action</source>
        <translation>其他处置</translation>
    </message>
    <message>
        <source>No risk rating</source>
        <translation>无风险测评</translation>
    </message>
    <message>
        <source>Risk assessment expired</source>
        <translation>风险测评已过期</translation>
    </message>
    <message>
        <source>Product risk too high</source>
        <translation>产品风险等级超限</translation>
    </message>
    <message>
        <source>No marketing consent</source>
        <translation>无营销同意</translation>
    </message>
    <message>
        <source>Channel refused</source>
        <translation>客户拒绝该渠道</translation>
    </message>
    <message>
        <source>Open complaint</source>
        <translation>投诉未办结</translation>
    </message>
    <message>
        <source>Fraud warning</source>
        <translation>涉诈预警</translation>
    </message>
    <message>
        <source>Product not on sale</source>
        <translation>产品已停售</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>免打扰</translation>
    </message>
    <message>
        <source>Elderly customer</source>
        <translation>老年客户</translation>
    </message>
    <message>
        <source>Elderly, high-risk product</source>
        <translation>老年客户购买高风险产品</translation>
    </message>
    <message>
        <source>High-risk product</source>
        <translation>高风险产品</translation>
    </message>
    <message>
        <source>Dual recording required</source>
        <translation>须双录</translation>
    </message>
    <message>
        <source>The customer has no risk-tolerance rating: the risk assessment questionnaire must be completed first.</source>
        <translation>客户尚无风险承受能力等级：须先完成风险测评问卷。</translation>
    </message>
    <message>
        <source>The customer&apos;s risk assessment expired on {expired_on}: it must be redone before any product is offered.</source>
        <translation>客户的风险测评已于 {expired_on} 过期：须重新测评后才能推荐产品。</translation>
    </message>
    <message>
        <source>The customer&apos;s risk assessment has expired: it must be redone before any product is offered.</source>
        <translation>客户的风险测评已过期：须重新测评后才能推荐产品。</translation>
    </message>
    <message>
        <source>The product&apos;s risk level is above the customer&apos;s risk tolerance: customer rated {rating}, product {level}.</source>
        <translation>产品风险等级高于客户风险承受能力等级：客户风险等级 {rating}，产品 {level}。</translation>
    </message>
    <message>
        <source>The product&apos;s risk level is above the customer&apos;s risk tolerance.</source>
        <translation>产品风险等级高于客户风险承受能力等级。</translation>
    </message>
    <message>
        <source>The customer has not agreed to marketing by {channel}.</source>
        <translation>客户未同意通过{channel}接收营销信息。</translation>
    </message>
    <message>
        <source>The customer has not agreed to marketing contact.</source>
        <translation>客户未同意接收营销信息。</translation>
    </message>
    <message>
        <source>The customer refused marketing by {channel}: choose another channel.</source>
        <translation>客户已拒绝通过{channel}接收营销：请选择其他渠道。</translation>
    </message>
    <message>
        <source>The customer refused marketing on this channel: choose another channel.</source>
        <translation>客户已拒绝通过该渠道接收营销：请选择其他渠道。</translation>
    </message>
    <message>
        <source>The customer has an open complaint case: no marketing until it is closed.</source>
        <translation>客户有未办结的投诉工单：办结前不得营销。</translation>
    </message>
    <message>
        <source>A fraud warning was raised for this customer or call: it can never become a lead, and no one can override this.</source>
        <translation>该客户或本次服务记录有涉诈预警：不得生成销售线索，任何人不可越权放行。</translation>
    </message>
    <message>
        <source>The product is no longer on sale.</source>
        <translation>该产品已停售。</translation>
    </message>
    <message>
        <source>The customer asked not to be disturbed (do-not-disturb list).</source>
        <translation>客户已设置免打扰。</translation>
    </message>
    <message>
        <source>Elderly customer (aged {age}): speak slowly and repeat the key information and risks.</source>
        <translation>老年客户（{age} 岁）：请放慢语速，重复关键信息和风险提示。</translation>
    </message>
    <message>
        <source>Elderly customer: speak slowly and repeat the key information and risks.</source>
        <translation>老年客户：请放慢语速，重复关键信息和风险提示。</translation>
    </message>
    <message>
        <source>Elderly customer and a high-risk product ({level}): take extra care that the customer understands the risk.</source>
        <translation>老年客户购买高风险产品（{level}）：务必确认客户理解产品风险。</translation>
    </message>
    <message>
        <source>Elderly customer and a high-risk product: take extra care that the customer understands the risk.</source>
        <translation>老年客户购买高风险产品：务必确认客户理解产品风险。</translation>
    </message>
    <message>
        <source>High-risk product ({level}): disclose the risks; the principal is not guaranteed.</source>
        <translation>高风险产品（{level}）：须充分揭示风险，不保本。</translation>
    </message>
    <message>
        <source>High-risk product: disclose the risks; the principal is not guaranteed.</source>
        <translation>高风险产品：须充分揭示风险，不保本。</translation>
    </message>
    <message>
        <source>Audio and video recording of the sale (dual recording) is required.</source>
        <translation>销售过程须录音录像（双录）。</translation>
    </message>
</context>
</TS>
