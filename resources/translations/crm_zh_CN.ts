<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorMessages</name>
    <message>
        <source>The key of the customer database is not in this computer&apos;s system keyring. Enter the recovery key to open the database.</source>
        <translation>本机的系统密钥库中没有客户数据库的密钥。请输入恢复密钥以打开数据库。</translation>
    </message>
    <message>
        <source>This key does not open the customer database. Check that the recovery key belongs to this database.</source>
        <translation>此密钥无法打开客户数据库。请确认该恢复密钥属于本数据库。</translation>
    </message>
    <message>
        <source>The customer database is protected by a passphrase. Enter it to continue.</source>
        <translation>客户数据库受口令保护，请输入口令后继续。</translation>
    </message>
    <message>
        <source>The passphrase is not correct.</source>
        <translation>口令不正确。</translation>
    </message>
    <message>
        <source>The customer database was not found: {path}</source>
        <translation>未找到客户数据库：{path}</translation>
    </message>
    <message>
        <source>A customer database already exists: {path}</source>
        <translation>客户数据库已存在：{path}</translation>
    </message>
    <message>
        <source>The database information file cannot be read: {path}</source>
        <translation>无法读取数据库信息文件：{path}</translation>
    </message>
    <message>
        <source>The customer database cannot be opened: {path}</source>
        <translation>无法打开客户数据库：{path}</translation>
    </message>
    <message>
        <source>This file is not a customer database of this program: {path}</source>
        <translation>该文件不是本程序的客户数据库：{path}</translation>
    </message>
    <message>
        <source>The system keyring ({backend}) cannot be used, so the database key can be neither stored nor read.</source>
        <translation>系统密钥库（{backend}）无法使用，因此无法保存或读取数据库密钥。</translation>
    </message>
    <message>
        <source>The customer database could not be upgraded for this version of the program (step “{migration}”). The failed step changed nothing. Please contact IT support.</source>
        <translation>无法将客户数据库升级到本程序的当前版本（步骤“{migration}”）。失败的步骤未做任何更改。请联系 IT 支持人员。</translation>
    </message>
    <message>
        <source>The team database address is not valid: {url}</source>
        <translation>团队数据库地址无效：{url}</translation>
    </message>
    <message>
        <source>The team database address must not contain a password; the password is kept in the system keyring. Address: {url}</source>
        <translation>团队数据库地址中不能包含密码，密码应保存在系统密钥库中。地址：{url}</translation>
    </message>
    <message>
        <source>No password for the team database is stored in the system keyring. Ask your administrator to set it up. Address: {url}</source>
        <translation>系统密钥库中没有保存团队数据库的密码。请联系管理员进行设置。地址：{url}</translation>
    </message>
    <message>
        <source>The team database cannot be reached. Check the network connection or ask your administrator. Address: {url}</source>
        <translation>无法连接团队数据库。请检查网络连接或联系管理员。地址：{url}</translation>
    </message>
    <message>
        <source>The team database refused the user name or password. Address: {url}</source>
        <translation>团队数据库拒绝了该用户名或密码。地址：{url}</translation>
    </message>
    <message>
        <source>The team database is backed up on the server by your administrator; this program backs up only the local database.</source>
        <translation>团队数据库由管理员在服务器上备份；本程序只备份本地数据库。</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}.</source>
        <translation>无法将备份写入 {path}。</translation>
    </message>
    <message>
        <source>The backup file was not found: {path}</source>
        <translation>未找到备份文件：{path}</translation>
    </message>
    <message>
        <source>The backup does not open with this database&apos;s key, so nothing was restored: {path}</source>
        <translation>无法用本数据库的密钥打开该备份，因此未恢复任何数据：{path}</translation>
    </message>
    <message>
        <source>This is not a valid recovery key. Check each character and try again.</source>
        <translation>这不是有效的恢复密钥。请逐个核对字符后重试。</translation>
    </message>
    <message>
        <source>The recovery key contains a typing error. Compare each group with the printed sheet.</source>
        <translation>恢复密钥中有输入错误。请与打印件逐组核对。</translation>
    </message>
    <message>
        <source>This field must be filled in.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>The text is too long: at most {max} characters.</source>
        <translation>内容过长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>The value must be between {min} and {max}.</source>
        <translation>数值必须在 {min} 到 {max} 之间。</translation>
    </message>
    <message>
        <source>“{value}” is not one of the allowed choices.</source>
        <translation>“{value}”不是允许的选项。</translation>
    </message>
    <message>
        <source>This field cannot be changed here.</source>
        <translation>此处不能修改该项。</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>电话号码无效。</translation>
    </message>
    <message>
        <source>Only mainland China mobile numbers are accepted here.</source>
        <translation>此处只接受中国大陆手机号。</translation>
    </message>
    <message>
        <source>This is not a valid ID number; check the digits and the check character.</source>
        <translation>证件号码无效，请核对号码及校验位。</translation>
    </message>
    <message>
        <source>This is not a valid card number; check the digits.</source>
        <translation>卡号无效，请核对号码。</translation>
    </message>
    <message>
        <source>This is not a valid email address.</source>
        <translation>电子邮箱地址无效。</translation>
    </message>
    <message>
        <source>The entered value is not valid.</source>
        <translation>输入的内容无效。</translation>
    </message>
    <message>
        <source>Someone else changed this record after you opened it. Reload it and make your change again.</source>
        <translation>您打开此记录后，其他人修改了它。请重新加载后再修改一次。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>The customer database reported a problem.</source>
        <translation>客户数据库出现问题。</translation>
    </message>
    <message>
        <source>The action could not be completed.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>reserved mobile number</source>
        <translation>预留手机号</translation>
    </message>
    <message>
        <source>email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>return-visit interval (days)</source>
        <translation>回访间隔（天）</translation>
    </message>
    <message>
        <source>passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>{message} ({where})</source>
        <translation>{message}（{where}）</translation>
    </message>
    <message>
        <source>field: {field}</source>
        <translation>字段：{field}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Bank Customer Service CRM</source>
        <translation>银行客服 CRM</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Your saved data is not affected, but the last action may not have been completed.</source>
        <translation>发生了意外错误。已保存的数据不受影响，但上一步操作可能没有完成。</translation>
    </message>
    <message>
        <source>Please copy the details below and send them to IT support. You can continue working; if the problem repeats, restart the program.</source>
        <translation>请复制下方的详细信息并发送给 IT 支持人员。您可以继续工作；如果问题反复出现，请重新启动程序。</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The new language is used at once and remembered on this computer.</source>
        <translation>新语言立即生效，并会保存在本机上。</translation>
    </message>
</context>
<context>
    <name>HomePanel</name>
    <message>
        <source>Overview</source>
        <translation>工作概览</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Count again from the database</source>
        <translation>从数据库重新统计</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Open complaint cases</source>
        <translation>未结投诉工单</translation>
    </message>
    <message>
        <source>Follow-up calls due</source>
        <translation>到期跟进回访</translation>
    </message>
    <message>
        <source>Updated at {time}</source>
        <translation>更新于 {time}</translation>
    </message>
</context>
<context>
    <name>KeyringLabel</name>
    <message>
        <source>Windows Credential Manager</source>
        <translation>Windows 凭据管理器</translation>
    </message>
    <message>
        <source>macOS Keychain</source>
        <translation>macOS 钥匙串</translation>
    </message>
    <message>
        <source>Secret Service (GNOME Keyring)</source>
        <translation>Secret Service（GNOME 密钥环）</translation>
    </message>
    <message>
        <source>KDE Wallet</source>
        <translation>KDE 钱包</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到可用的密钥库</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Bank Customer Service CRM</source>
        <translation>银行客服 CRM</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation>工作台(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Find Customer</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <source>Go to the search box of the workspace</source>
        <translation>转到工作台的搜索框</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>&amp;My Day</source>
        <translation>我的一天(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Supervisor</source>
        <translation>主管视图(&amp;S)</translation>
    </message>
    <message>
        <source>My Day</source>
        <translation>我的一天</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <comment>tab</comment>
        <translation>主管视图</translation>
    </message>
    <message>
        <source>Complaint &amp;Cases</source>
        <translation>投诉工单(&amp;C)</translation>
    </message>
    <message>
        <source>Complaint Cases</source>
        <translation>投诉工单</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Export My Follow-ups to Calendar…</source>
        <translation>导出我的回访到日历(&amp;E)…</translation>
    </message>
    <message>
        <source>Write an iCalendar file so Outlook reminds you even when the CRM is closed</source>
        <translation>生成 iCalendar 日历文件，即使未打开本系统，Outlook 等日历也会按时提醒</translation>
    </message>
    <message>
        <source>&amp;Back Up Database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <source>Save an encrypted copy of the local database</source>
        <translation>保存本地数据库的加密副本</translation>
    </message>
    <message>
        <source>The team database is backed up on the server by your administrator</source>
        <translation>团队数据库由管理员在服务器上备份</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>Product &amp;Catalogue…</source>
        <translation>产品目录(&amp;C)…</translation>
    </message>
    <message>
        <source>The products agents may suggest, with risk levels and dual recording (双录); administrators edit them</source>
        <translation>客服可推荐的产品及其风险等级和双录要求；由管理员维护</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服专员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>客服主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>Team database (PostgreSQL) · {place}</source>
        <translation>团队数据库 (PostgreSQL) · {place}</translation>
    </message>
    <message>
        <source>Local encrypted database · {path}</source>
        <translation>本地加密数据库 · {path}</translation>
    </message>
    <message>
        <source>Export Follow-ups</source>
        <translation>导出跟进回访</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar 日历文件 (*.ics)</translation>
    </message>
    <message>
        <source>Follow-ups exported to the calendar file: {count}</source>
        <translation>已导出到日历文件的跟进回访：{count} 条</translation>
    </message>
    <message>
        <source>Back Up Database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Encrypted database backups (*.db)</source>
        <translation>加密数据库备份 (*.db)</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>备份已保存</translation>
    </message>
    <message>
        <source>The backup was saved to:
{path}

It is encrypted with the same key as the database. To restore it you need this computer&apos;s keyring entry, the recovery key or the passphrase.</source>
        <translation>备份已保存到：
{path}

备份与数据库使用同一密钥加密。恢复时需要本机密钥库中的密钥、恢复密钥或口令。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bank Customer Service CRM {version}&lt;/h3&gt;&lt;p&gt;Customer records, service history, complaint cases and follow-up calls for bank customer-service staff.&lt;/p&gt;&lt;p&gt;{storage}&lt;/p&gt;&lt;p&gt;&lt;small&gt;Python {python} · Qt {qt}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;银行客服 CRM {version}&lt;/h3&gt;&lt;p&gt;为银行客服人员管理客户档案、服务记录、投诉工单和跟进回访。&lt;/p&gt;&lt;p&gt;{storage}&lt;/p&gt;&lt;p&gt;&lt;small&gt;Python {python} · Qt {qt}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Sales &amp;Leads</source>
        <translation>销售线索(&amp;L)</translation>
    </message>
    <message>
        <source>Sales Leads</source>
        <translation>销售线索</translation>
    </message>
    <message>
        <source>Export &amp;Leads to Sales…</source>
        <translation>导出销售线索（移交销售）(&amp;L)…</translation>
    </message>
    <message>
        <source>Hand new leads to the sales team as a CSV or Excel file</source>
        <translation>将新建的销售线索以 CSV 或 Excel 文件移交销售团队</translation>
    </message>
    <message>
        <source>&amp;Import Lead Outcomes…</source>
        <translation>导入销售跟进结果(&amp;I)…</translation>
    </message>
    <message>
        <source>Read what sales reported back about handed-over leads</source>
        <translation>读取销售对已移交线索回传的跟进结果</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Open Customer Database</source>
        <translation>打开客户数据库</translation>
    </message>
    <message>
        <source>Enter the passphrase of the customer database:</source>
        <translation>请输入客户数据库的口令：</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery Key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Print or write down the recovery key</source>
        <translation>请打印或抄写恢复密钥</translation>
    </message>
    <message>
        <source>If the key in the system keyring is ever lost, for example after a new Windows account is set up or the computer is reinstalled, the database can be opened only with this recovery key. It is shown only this once.</source>
        <translation>如果系统密钥库中的密钥丢失（例如新建了 Windows 账户或重装了电脑），就只能用此恢复密钥打开数据库。恢复密钥只显示这一次。</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as Text…</source>
        <translation>另存为文本(&amp;S)…</translation>
    </message>
    <message>
        <source>Keep it like the key to a safe: anyone with this key and a copy of the database can read the customer data. Do not keep it on this computer and do not send it by email or chat.</source>
        <translation>请像保管保险柜钥匙一样保管它：任何人只要同时拥有此密钥和数据库副本，就能读取客户数据。请勿将其保存在本机上，也不要通过邮件或聊天工具发送。</translation>
    </message>
    <message>
        <source>I have &amp;stored the recovery key safely</source>
        <translation>我已妥善保管恢复密钥(&amp;S)</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>继续(&amp;O)</translation>
    </message>
    <message>
        <source>Enter the recovery key</source>
        <translation>请输入恢复密钥</translation>
    </message>
    <message>
        <source>The system keyring ({backend}) cannot be used, so the key of the customer database cannot be read. You can still open it with the recovery key.</source>
        <translation>系统密钥库（{backend}）无法使用，因此无法读取客户数据库的密钥。您仍可使用恢复密钥打开数据库。</translation>
    </message>
    <message>
        <source>The key of the customer database is missing from the system keyring ({backend}) of this computer, for example after a new Windows account was set up. Enter the recovery key that was printed when the database was created.</source>
        <translation>本机的系统密钥库（{backend}）中缺少客户数据库的密钥，这通常发生在新建 Windows 账户之后。请输入创建数据库时打印的恢复密钥。</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>&amp;Open Database</source>
        <translation>打开数据库(&amp;O)</translation>
    </message>
    <message>
        <source>Type the recovery key exactly as printed: groups of letters and digits separated by dashes.</source>
        <translation>请按打印件原样输入恢复密钥：由短横线分隔的若干组字母和数字。</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Recovery key of the customer database&lt;/h2&gt;&lt;p&gt;Created on {date}&lt;br&gt;Database: {path}&lt;/p&gt;&lt;p style=&apos;font-family: monospace; font-size: 18pt&apos;&gt;{key}&lt;/p&gt;&lt;p&gt;Keep this sheet locked away, like the key to a safe. Anyone with this key and a copy of the database can read the customer data.&lt;/p&gt;&lt;p&gt;You need it only if the program asks for it, for example after a new Windows account is set up or the computer is reinstalled. Type it in exactly as shown.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;客户数据库恢复密钥&lt;/h2&gt;&lt;p&gt;创建日期：{date}&lt;br&gt;数据库：{path}&lt;/p&gt;&lt;p style=&apos;font-family: monospace; font-size: 18pt&apos;&gt;{key}&lt;/p&gt;&lt;p&gt;请将本页锁好保管，如同保管保险柜钥匙。任何人只要同时拥有此密钥和数据库副本，就能读取客户数据。&lt;/p&gt;&lt;p&gt;只有在程序要求输入时才需要它，例如新建 Windows 账户或重装电脑之后。请严格按上面所示内容输入。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Save Recovery Key</source>
        <translation>保存恢复密钥</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>The recovery key is shown only this once. Print or write it down, tick the box, then press Continue.</source>
        <translation>恢复密钥只显示这一次。请打印或抄写下来，勾选确认框，然后点击“继续”。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Create the Customer Database</source>
        <translation>创建客户数据库</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <source>Customer data will be kept in an encrypted database in this folder:</source>
        <translation>客户数据将保存在以下文件夹的加密数据库中：</translation>
    </message>
    <message>
        <source>A random key will be created for the database and stored in the system keyring ({backend}), so you do not have to type a password when the program starts. You will then see a recovery key once: print it and keep it in a safe place.</source>
        <translation>程序将为数据库生成一个随机密钥，并保存在系统密钥库（{backend}）中，因此启动程序时无需输入密码。随后会显示一次恢复密钥：请打印出来并妥善保管。</translation>
    </message>
    <message>
        <source>The system keyring cannot be used on this computer ({backend}). The database will be protected by a passphrase instead, which you must enter every time the program starts.</source>
        <translation>本机无法使用系统密钥库（{backend}）。数据库将改用口令保护，每次启动程序时都需要输入该口令。</translation>
    </message>
    <message>
        <source>&amp;Use a passphrase instead of the system keyring (advanced)</source>
        <translation>改用口令，不使用系统密钥库（高级）(&amp;U)</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {count} characters. Nobody, not even IT support, can open the database if it is forgotten.</source>
        <translation>请设置至少 {count} 个字符的口令。一旦遗忘，任何人（包括 IT 支持人员）都无法打开数据库。</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase:</source>
        <translation>确认口令(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Create Database</source>
        <translation>创建数据库(&amp;C)</translation>
    </message>
    <message>
        <source>The passphrase must have at least {count} characters ({typed} typed).</source>
        <translation>口令至少需要 {count} 个字符（当前 {typed} 个）。</translation>
    </message>
    <message>
        <source>The two passphrases do not match.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
</TS>
