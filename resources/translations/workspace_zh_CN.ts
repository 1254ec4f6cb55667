<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Primary mobile number, masked</source>
        <translation>主手机号（已脱敏）</translation>
    </message>
    <message>
        <source>What the search text matched</source>
        <translation>搜索内容匹配到的信息</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>私行</translation>
    </message>
    <message>
        <source>Private banking customer</source>
        <translation>私人银行客户</translation>
    </message>
    <message>
        <source>Full phone number</source>
        <translation>完整手机号</translation>
    </message>
    <message>
        <source>Phone digits</source>
        <translation>手机号片段</translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>拼音首字母</translation>
    </message>
    <message>
        <source>ID ending</source>
        <translation>证件尾号</translation>
    </message>
    <message>
        <source>Card ending</source>
        <translation>卡号尾号</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Name / pinyin / mobile / last 4–6 digits of ID or card</source>
        <translation>姓名 / 拼音 / 手机号 / 证件或卡号后4-6位</translation>
    </message>
    <message>
        <source>Find a customer as you type (Ctrl+F). Down arrow: go to the results; Esc: clear</source>
        <translation>边输入边查找客户（Ctrl+F）。↓ 键：转到结果列表；Esc：清空</translation>
    </message>
</context>
<context>
    <name>WorkspaceView</name>
    <message>
        <source>New Customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Enter a customer who is not in the database yet</source>
        <translation>录入尚未建档的客户</translation>
    </message>
    <message>
        <source>Enter or double-click: open the customer. Esc: back to the search box</source>
        <translation>回车或双击：打开客户。Esc：返回搜索框</translation>
    </message>
    <message>
        <source>Type to find the caller (Ctrl+F from anywhere).</source>
        <translation>输入内容查找来电客户（任意位置按 Ctrl+F）。</translation>
    </message>
    <message>
        <source>More than {max} customers match; the first {max} are listed. Type more to narrow the search.</source>
        <translation>匹配的客户超过 {max} 位，仅列出前 {max} 位。请输入更多内容缩小范围。</translation>
    </message>
    <message>
        <source>Type at least {count} digits of a number.</source>
        <translation>请至少输入号码的 {count} 位数字。</translation>
    </message>
    <message>
        <source>No customer found. Check the spelling, or search by mobile number.</source>
        <translation>未找到客户。请检查输入，或按手机号查找。</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>共 1 位客户</translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation>共 {count} 位客户</translation>
    </message>
</context>
</TS>
