<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LeadChannelDialog</name>
    <message>
        <source>Change Contact Channel</source>
        <translation>更改联系渠道</translation>
    </message>
    <message>
        <source>How sales will contact {customer} about {product}. Choose a channel the customer agreed to be marketed on.</source>
        <translation>销售将如何就{product}联系{customer}。请选择客户已同意接收营销的渠道。</translation>
    </message>
    <message>
        <source>&amp;Channel and the customer&apos;s marketing consent:</source>
        <translation>联系渠道及客户的营销同意情况(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;hange Channel</source>
        <translation>更改联系渠道(&amp;H)</translation>
    </message>
    <message>
        <source>{channel}: {blocks}</source>
        <translation>{channel}：{blocks}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{channel}: marketing agreed</source>
        <translation>{channel}：已同意营销</translation>
    </message>
    <message>
        <source>{channel} (now)</source>
        <translation>{channel}（当前）</translation>
    </message>
    <message>
        <source>On this channel the lead stays blocked and cannot go to sales: record the customer&apos;s consent first, or choose a channel they agreed to.</source>
        <translation>使用该渠道时线索仍受阻，不能移交销售：请先登记客户的营销同意，或选择客户已同意的渠道。</translation>
    </message>
    <message>
        <source>The customer agreed to marketing on this channel.</source>
        <translation>客户已同意通过该渠道接收营销。</translation>
    </message>
</context>
<context>
    <name>LeadDetail</name>
    <message>
        <source>&amp;Won</source>
        <translation>成交(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Lost</source>
        <translation>未成交(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Mark Handed Over</source>
        <translation>标记为已移交(&amp;M)</translation>
    </message>
    <message>
        <source>Sales &amp;Accepted</source>
        <translation>销售已接收(&amp;A)</translation>
    </message>
    <message>
        <source>Sales &amp;Contacted</source>
        <translation>销售已联系(&amp;C)</translation>
    </message>
    <message>
        <source>Mark Invali&amp;d</source>
        <translation>标记为无效(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Override Block…</source>
        <translation>放行拦截(&amp;O)…</translation>
    </message>
    <message>
        <source>C&amp;hange Channel…</source>
        <translation>更改联系渠道(&amp;H)…</translation>
    </message>
    <message>
        <source>Open C&amp;ustomer</source>
        <translation>打开客户(&amp;U)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suitability and consent, checked now&lt;/b&gt;</source>
        <translation>&lt;b&gt;适当性与营销同意（当前重新检查）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Saved with the state change, e.g. what sales reported</source>
        <translation>随状态变更一并保存，例如销售反馈的情况</translation>
    </message>
    <message>
        <source>Choose a lead in the list.</source>
        <translation>请在列表中选择一条销售线索。</translation>
    </message>
    <message>
        <source>Blocked: {reason}</source>
        <translation>已拦截：{reason}</translation>
    </message>
    <message>
        <source>Choose another channel for sales to contact the customer on, e.g. one they agreed to</source>
        <translation>为销售另选联系客户的渠道，例如客户已同意的渠道</translation>
    </message>
    <message>
        <source>Only a new lead&apos;s contact channel can be changed</source>
        <translation>只能更改新建线索的联系渠道</translation>
    </message>
    <message>
        <source>For a lead given to sales without a file; File → Export Leads hands leads over with one</source>
        <translation>用于未通过文件移交销售的线索；“文件 → 导出销售线索”会随文件一并移交</translation>
    </message>
    <message>
        <source>Nobody can override this: {reason}</source>
        <translation>任何人都不能放行：{reason}</translation>
    </message>
    <message>
        <source>Let the lead go to sales despite the block, with your reason (audited)</source>
        <translation>填写理由后放行该线索移交销售（记入审计）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lead {id}&lt;/b&gt; · {customer} · {product} (R{level}, {category}) · {state}</source>
        <translation>&lt;b&gt;线索 {id}&lt;/b&gt; · {customer} · {product}（R{level}，{category}）· {state}</translation>
    </message>
    <message>
        <source>Referred by {agent} on {when} ({days} days ago)</source>
        <translation>推荐人 {agent}，{when}（{days} 天前）</translation>
    </message>
    <message>
        <source>contact by: {channel}</source>
        <translation>联系渠道：{channel}</translation>
    </message>
    <message>
        <source>detected by rule {rule}</source>
        <translation>识别规则 {rule}</translation>
    </message>
    <message>
        <source>dual recording required at sale</source>
        <translation>销售时须双录</translation>
    </message>
    <message>
        <source>at sales: {owner}</source>
        <translation>销售负责人：{owner}</translation>
    </message>
    <message>
        <source>Detected need: {explanation}</source>
        <translation>识别到的需求：{explanation}</translation>
    </message>
    <message>
        <source>Block overridden by a supervisor: {reason}</source>
        <translation>主管已放行拦截：{reason}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>(overridden)</source>
        <translation>（已放行）</translation>
    </message>
    <message>
        <source>Nothing blocks this lead: it may go to sales.</source>
        <translation>没有拦截项：该线索可以移交销售。</translation>
    </message>
    <message>
        <source>(cannot be overridden)</source>
        <translation>（不可放行）</translation>
    </message>
    <message>
        <source>Override Block</source>
        <translation>放行拦截</translation>
    </message>
    <message>
        <source>This lead is blocked:
{blocks}

Why may it go to sales anyway? Your reason is recorded.</source>
        <translation>该线索被拦截：
{blocks}

为什么仍可移交销售？您的理由将被记录。</translation>
    </message>
</context>
<context>
    <name>LeadExportDialog</name>
    <message>
        <source>Export Leads to Sales</source>
        <translation>导出销售线索（移交销售）</translation>
    </message>
    <message>
        <source>&amp;New leads of the current list that can go to sales: {ready} (blocked, kept back: {blocked})</source>
        <translation>当前列表中可移交销售的新建线索：{ready} 条（受阻、不导出：{blocked} 条）(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;New leads of the current list ({count})</source>
        <translation>当前列表中的新建线索（{count} 条）(&amp;N)</translation>
    </message>
    <message>
        <source>Blocked leads (not overridden) stay out of the file; every lead is checked again as it is exported.</source>
        <translation>受阻且未放行的线索不会写入文件；导出时会逐条重新检查。</translation>
    </message>
    <message>
        <source>&amp;Selected leads ({count})</source>
        <translation>选中的线索（{count} 条）(&amp;S)</translation>
    </message>
    <message>
        <source>Leads:</source>
        <translation>线索：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Columns for:</source>
        <translation>列格式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>接收人(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>用途(&amp;P)：</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>文件(&amp;I)：</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿 (XLSX)</translation>
    </message>
    <message>
        <source>Generic (Chinese headers; sales fill in the outcome columns)</source>
        <translation>通用（中文表头；销售填写跟进结果列）</translation>
    </message>
    <message>
        <source>Salesforce lead import</source>
        <translation>Salesforce 线索导入</translation>
    </message>
    <message>
        <source>HubSpot contact import</source>
        <translation>HubSpot 联系人导入</translation>
    </message>
    <message>
        <source>UTF-8 with &amp;BOM (for Excel)</source>
        <translation>UTF-8 带 BOM（供 Excel 打开）(&amp;B)</translation>
    </message>
    <message>
        <source>Excel opens a CSV file as UTF-8 only when it starts with a BOM; other programs may not want one</source>
        <translation>Excel 只有在 CSV 文件以 BOM 开头时才按 UTF-8 打开；其他程序可能不需要 BOM</translation>
    </message>
    <message>
        <source>Who receives the file, e.g. 零售业务部 王经理</source>
        <translation>文件接收人，例如 零售业务部 王经理</translation>
    </message>
    <message>
        <source>Why, e.g. 大额存单营销跟进</source>
        <translation>用途，例如 大额存单营销跟进</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>线索编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Kept back because</source>
        <translation>未导出原因</translation>
    </message>
    <message>
        <source>The current list has no new leads to hand over.</source>
        <translation>当前列表中没有可移交的新线索。</translation>
    </message>
    <message>
        <source>Every new lead of the current list is blocked, so none can go to sales. A supervisor can review a block and override it in the lead&apos;s detail.</source>
        <translation>当前列表中的新线索均已被拦截，无法移交销售。主管可在线索详情中复核并解除拦截。</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export Leads</source>
        <translation>导出销售线索</translation>
    </message>
    <message>
        <source>This must be filled in.</source>
        <translation>此项必须填写。</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>该文件夹不存在。</translation>
    </message>
    <message>
        <source>Writing the file and handing the leads over…</source>
        <translation>正在写入文件并移交线索…</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
    <message>
        <source>The export failed unexpectedly; nothing was handed over. The details are in the log.</source>
        <translation>导出意外失败，没有线索被移交。详细信息见日志。</translation>
    </message>
    <message>
        <source>Leads handed over to sales: {count}
File: {path}</source>
        <translation>已移交销售的线索：{count} 条
文件：{path}</translation>
    </message>
    <message>
        <source>Leads kept back: {count}</source>
        <translation>未导出的线索：{count} 条</translation>
    </message>
</context>
<context>
    <name>LeadImportDialog</name>
    <message>
        <source>Import Lead Outcomes</source>
        <translation>导入销售跟进结果</translation>
    </message>
    <message>
        <source>&amp;File from sales:</source>
        <translation>销售回传文件(&amp;F)：</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Check File</source>
        <translation>检查文件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>CSV (UTF-8 or GB18030) or Excel (XLSX) with the columns lead_id / 线索编号 and state / 状态 (成交, 未成交, 已联系, 已接收, 无效); sales_owner / 销售负责人 and note / 备注 are optional. The file is checked first: nothing changes until you press Apply.</source>
        <translation>CSV（UTF-8 或 GB18030）或 Excel (XLSX) 文件，须含 线索编号 (lead_id) 和 状态 (state) 列（成交、未成交、已联系、已接收、无效）；销售负责人 (sales_owner) 和 备注 (note) 列可选。文件会先检查：按“应用”之前不会做任何更改。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>线索编号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Sales files (*.csv *.xlsx);;All files (*)</source>
        <translation>销售回传文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the file sales sent back first.</source>
        <translation>请先选择销售回传的文件。</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Applying the outcomes…</source>
        <translation>正在应用跟进结果…</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>The import failed unexpectedly; nothing was changed. The details are in the log.</source>
        <translation>导入意外失败，没有做任何更改。详细信息见日志。</translation>
    </message>
    <message>
        <source>{file} — rows that can be applied: {applied}; already up to date: {unchanged}; no outcome given: {no_outcome}; rejected: {rejected}. Nothing has been changed yet: press Apply to import.</source>
        <translation>{file} — 可应用的行：{applied}；已是最新：{unchanged}；未填写结果：{no_outcome}；被拒绝：{rejected}。尚未做任何更改：按“应用”导入。</translation>
    </message>
    <message>
        <source>{file} — rows applied: {applied}; already up to date: {unchanged}; no outcome given: {no_outcome}; rejected: {rejected}.</source>
        <translation>{file} — 已应用的行：{applied}；已是最新：{unchanged}；未填写结果：{no_outcome}；被拒绝：{rejected}。</translation>
    </message>
    <message>
        <source>No outcome</source>
        <translation>未填写结果</translation>
    </message>
    <message>
        <source>Will be applied</source>
        <translation>将应用</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无需更改</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>LeadListModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>产品风险等级</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation>已过天数</translation>
    </message>
    <message>
        <source>Blocked / overridden</source>
        <translation>拦截 / 放行</translation>
    </message>
    <message>
        <source>Dual recording</source>
        <translation>双录</translation>
    </message>
    <message>
        <source>Audio and video recording of the sale (dual recording) is required</source>
        <translation>销售过程须录音录像（双录）</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>须双录</translation>
    </message>
    <message>
        <source>{rule} (overridden)</source>
        <translation>{rule}（已放行）</translation>
    </message>
    <message>
        <source>Overridden by a supervisor.</source>
        <translation>主管已放行。</translation>
    </message>
</context>
<context>
    <name>LeadMessages</name>
    <message>
        <source>A lead cannot move from “{from_state}” to “{to_state}”.</source>
        <translation>销售线索不能从“{from_state}”变为“{to_state}”。</translation>
    </message>
    <message>
        <source>The lead cannot go to sales now: {check}</source>
        <translation>该线索现在不能移交销售：{check}</translation>
    </message>
    <message>
        <source>Nothing blocks this lead any more: there is nothing to override.</source>
        <translation>该线索已没有拦截项，无需放行。</translation>
    </message>
    <message>
        <source>This block cannot be overridden by anyone: {check}</source>
        <translation>此拦截任何人都不能放行：{check}</translation>
    </message>
    <message>
        <source>A supervisor has already overridden every block of this lead.</source>
        <translation>主管已放行该线索的所有拦截项。</translation>
    </message>
    <message>
        <source>Only a new lead can be overridden; this one is “{state}”.</source>
        <translation>只能放行新建的线索；该线索状态为“{state}”。</translation>
    </message>
    <message>
        <source>Only a new lead&apos;s contact channel can be changed; this one is “{state}”.</source>
        <translation>只能更改新建线索的联系渠道；该线索状态为“{state}”。</translation>
    </message>
    <message>
        <source>Sales already contacts the customer by {channel} for this lead: choose another channel.</source>
        <translation>该线索的联系渠道已是{channel}：请选择其他渠道。</translation>
    </message>
    <message>
        <source>Only supervisors and administrators may override a block.</source>
        <translation>只有客服主管和管理员可以放行拦截。</translation>
    </message>
    <message>
        <source>Someone else changed this lead after you opened it. It has been reloaded: check it and make your change again.</source>
        <translation>您打开该线索后，其他人修改了它。已重新加载：请核对后再操作一次。</translation>
    </message>
    <message>
        <source>Some leads were changed by someone else while the file was being written. Nothing was exported and no file was left behind: try again.</source>
        <translation>写入文件期间，有线索被其他人修改。没有导出任何线索，也没有留下文件：请重试。</translation>
    </message>
    <message>
        <source>None of the chosen leads may go to sales now ({skipped} left out), so no file was written.</source>
        <translation>所选线索现在都不能移交销售（{skipped} 条未导出），因此没有写入文件。</translation>
    </message>
    <message>
        <source>The file “{file}” cannot be read.</source>
        <translation>无法读取文件“{file}”。</translation>
    </message>
    <message>
        <source>The file “{file}” is saved as “Unicode text”. In Excel, save it as “CSV UTF-8” or as an Excel workbook instead.</source>
        <translation>文件“{file}”保存为“Unicode 文本”格式。请在 Excel 中另存为“CSV UTF-8”或 Excel 工作簿。</translation>
    </message>
    <message>
        <source>The file “{file}” is neither UTF-8 nor GB18030 text. Save it as “CSV UTF-8” or as an Excel workbook.</source>
        <translation>文件“{file}”既不是 UTF-8 也不是 GB18030 编码。请另存为“CSV UTF-8”或 Excel 工作簿。</translation>
    </message>
    <message>
        <source>The file “{file}” is not a readable Excel workbook (.xlsx).</source>
        <translation>文件“{file}”不是可读取的 Excel 工作簿 (.xlsx)。</translation>
    </message>
    <message>
        <source>The file “{file}” no longer exists.</source>
        <translation>文件“{file}”已不存在。</translation>
    </message>
    <message>
        <source>The file “{file}” has no “{column}” column. The first row must name the columns, e.g. lead_id / 线索编号 and state / 状态.</source>
        <translation>文件“{file}”缺少“{column}”列。第一行须为列名，例如 线索编号 (lead_id) 和 状态 (state)。</translation>
    </message>
    <message>
        <source>The file “{file}” has the “{column}” column twice: keep only one.</source>
        <translation>文件“{file}”中“{column}”列出现了两次：请只保留一列。</translation>
    </message>
    <message>
        <source>Not a new lead: it was handed over or closed already.</source>
        <translation>不是新建线索：已移交或已结束。</translation>
    </message>
    <message>
        <source>The lead no longer exists.</source>
        <translation>该线索已不存在。</translation>
    </message>
    <message>
        <source>The lead may not go to sales now.</source>
        <translation>该线索现在不能移交销售。</translation>
    </message>
    <message>
        <source>“{from_state}” → “{to_state}”</source>
        <translation>“{from_state}”→“{to_state}”</translation>
    </message>
    <message>
        <source>Already “{state}”: nothing to change.</source>
        <translation>已是“{state}”：无需更改。</translation>
    </message>
    <message>
        <source>No outcome given: nothing to change.</source>
        <translation>未填写结果：无需更改。</translation>
    </message>
    <message>
        <source>Empty row, skipped.</source>
        <translation>空行，已跳过。</translation>
    </message>
    <message>
        <source>The lead number is missing.</source>
        <translation>缺少线索编号。</translation>
    </message>
    <message>
        <source>“{value}” is not a lead number.</source>
        <translation>“{value}”不是线索编号。</translation>
    </message>
    <message>
        <source>There is no lead with this number.</source>
        <translation>没有该编号的线索。</translation>
    </message>
    <message>
        <source>“{value}” is not an outcome this program knows (use 成交, 未成交, 已联系, 已接收 or 无效).</source>
        <translation>“{value}”不是可识别的结果（请填写 成交、未成交、已联系、已接收 或 无效）。</translation>
    </message>
    <message>
        <source>The lead cannot move from “{from_state}” to “{to_state}”.</source>
        <translation>该线索不能从“{from_state}”变为“{to_state}”。</translation>
    </message>
    <message>
        <source>This lead was never handed over to sales (it is still “{from_state}”), so sales cannot report “{to_state}” for it.</source>
        <translation>该线索从未移交销售（仍为“{from_state}”），销售无法回报“{to_state}”。</translation>
    </message>
    <message>
        <source>The lead appears more than once in the file (rows {rows}): none of these rows is applied.</source>
        <translation>该线索在文件中出现多次（第 {rows} 行）：这些行都不会应用。</translation>
    </message>
    <message>
        <source>The “{column}” text is longer than {max} characters.</source>
        <translation>“{column}”的内容超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>The “{column}” text contains what looks like authentication data (a password, PIN or verification code); it is never stored.</source>
        <translation>“{column}”的内容疑似包含鉴别信息（密码、PIN 或验证码），不会被保存。</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>sales owner</source>
        <translation>销售负责人</translation>
    </message>
    <message>
        <source>external reference</source>
        <translation>外部编号</translation>
    </message>
    <message>
        <source>lead_id</source>
        <translation>线索编号</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between row numbers</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LeadReports</name>
    <message>
        <source>&lt;b&gt;Conversion by referring agent&lt;/b&gt; (leads matching the filter)</source>
        <translation>&lt;b&gt;按推荐人统计转化&lt;/b&gt;（符合筛选条件的线索）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Conversion by detection rule&lt;/b&gt; (leads matching the filter)</source>
        <translation>&lt;b&gt;按识别规则统计转化&lt;/b&gt;（符合筛选条件的线索）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Detection rules&lt;/b&gt;: how often agents agreed with each rule, and what came of it</source>
        <translation>&lt;b&gt;商机识别规则&lt;/b&gt;：客服认可各规则的比例及后续结果</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索数</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>已移交</translation>
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
        <source>Blocked</source>
        <translation>被拦截</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>By Agent</source>
        <translation>按推荐客服</translation>
    </message>
    <message>
        <source>By Rule</source>
        <translation>按识别规则</translation>
    </message>
    <message>
        <source>Detection Rules</source>
        <translation>识别规则</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>{rule} (no longer in the rules file)</source>
        <translation>{rule}（规则文件中已没有此规则）</translation>
    </message>
    <message>
        <source>What the rule looks for</source>
        <translation>规则识别的内容</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>识别数</translation>
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
        <source>Agreement</source>
        <translation>认可率</translation>
    </message>
    <message>
        <source>Won ÷ handed over to sales</source>
        <translation>成交数 ÷ 已移交销售数</translation>
    </message>
    <message>
        <source>Confirmed ÷ (confirmed + dismissed)</source>
        <translation>已确认 ÷（已确认 + 已忽略）</translation>
    </message>
    <message>
        <source>(entered by hand)</source>
        <translation>（手工录入）</translation>
    </message>
    <message>
        <source>Leads created without a detected opportunity</source>
        <translation>不是由识别出的商机生成的线索</translation>
    </message>
</context>
<context>
    <name>LeadsView</name>
    <message>
        <source>&amp;State:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>产品(&amp;P)：</translation>
    </message>
    <message>
        <source>Referred &amp;by:</source>
        <translation>推荐人(&amp;B)：</translation>
    </message>
    <message>
        <source>A&amp;ge:</source>
        <translation>时长(&amp;G)：</translation>
    </message>
    <message>
        <source>Bloc&amp;ked only</source>
        <translation>仅看被拦截(&amp;K)</translation>
    </message>
    <message>
        <source>Leads that cannot go to sales: blocked and not overridden</source>
        <translation>不能移交销售的线索：被拦截且未放行</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Hand the new leads of this list (or the selected ones) to sales as a CSV or Excel file</source>
        <translation>将此列表中的新建线索（或选中的线索）以 CSV 或 Excel 文件移交销售</translation>
    </message>
    <message>
        <source>&amp;Import Outcomes…</source>
        <translation>导入跟进结果(&amp;I)…</translation>
    </message>
    <message>
        <source>Read what sales reported back (won, lost, contacted…)</source>
        <translation>读取销售回传的跟进结果（成交、未成交、已联系…）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索列表</translation>
    </message>
    <message>
        <source>Conversion Reports</source>
        <translation>转化报表</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>不限时长</translation>
    </message>
    <message>
        <source>Up to 7 days</source>
        <translation>7 天以内</translation>
    </message>
    <message>
        <source>Up to 30 days</source>
        <translation>30 天以内</translation>
    </message>
    <message>
        <source>Older than 30 days</source>
        <translation>超过 30 天</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <source>All of {category}</source>
        <translation>全部{category}</translation>
    </message>
    <message>
        <source>    {name} (not on sale)</source>
        <translation>    {name}（已停售）</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>全部推荐人</translation>
    </message>
    <message>
        <source>{count} leads</source>
        <translation>共 {count} 条线索</translation>
    </message>
</context>
</TS>
