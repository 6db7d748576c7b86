//! `--help` in Chinese (issue 24 section 3): every command's and every argument's text, and
//! clap's own words. The English doc comments in src/cli/*.rs stay the source; src/cli/help.rs
//! puts these in their place when the UI language is Chinese.
//!
//! To add an entry: a new command is a line in `COMMANDS` keyed by its path after `duban`
//! ("close apply"; "" is duban itself); a new flag or argument is a line in `ARGS` keyed by that
//! path and the argument's id, which is its field name in the `Args` struct ("reply_by" for
//! `--reply-by`). A blank line ("\n\n") splits the summary (`-h`, lists of commands) from the rest
//! (`--help`), as in a doc comment; where the English has an example, so does the Chinese.
//! tests/help.rs lists what is missing and what no longer exists.

/// Each command's about: (path, text).
pub const COMMANDS: &[(&str, &str)] = &[
    (
        "",
        "督办 duban:在一个 SQLite 文件中跟踪行动计划的任务、责任单位和进度\n\n\
         不带命令时,在数据库上打开终端界面。\n\
         数据库:--db 文件,否则 $DUBAN_DB,否则 $XDG_DATA_HOME/duban/duban.db\
         (~/.local/share/duban/duban.db)。",
    ),
    (
        "status",
        "各单位进度概况:任务数、完成率和红黄灯,问题最多的在前",
    ),
    ("tasks", "任务清单:责任单位、完成时限和红黄灯"),
    ("demo", "生成示例数据库并打开"),
    ("gen", "生成任意规模的测试数据,供测试和性能测试使用"),
    ("init", "新建空数据库,创建人即为管理员"),
    ("import", "导入计划文本,或读回任务表格"),
    (
        "import plan",
        "导入行动计划文本(UTF-8 或 GB18030),可直接从网页或 .docx 复制:章节、编号任务、\
         责任单位(* 为牵头)、完成时限、指标表\n\n\
         识别 一、/(一)/1. 编号,责任分工写法((责任单位:*A、B)、牵头单位:/配合单位:、\
         A牵头,B配合),文中的时限(2021年底前、到2023年、每年),以及表格(分年度或分单位的目标、\
         重点项目)。全部内容在一个事务中保存。单位名称与现有单位及简称比对;新单位会被创建并列出,\
         同时列出相近的现有名称。\n\n\
         建议先用 --dry-run 预览将要创建的内容。",
    ),
    (
        "import xlsx",
        "读回任务表格(duban export xlsx 导出的,或科室自制的):新任务、单位和时限的变更、\
         新的进度,在一个事务中保存",
    ),
    ("import csv", "同上,读取 CSV(UTF-8,带或不带 BOM,或 GB18030)"),
    (
        "export",
        "导出任务表格:xlsx 或 csv\n\n示例:duban export xlsx -o 任务进展.xlsx --dept 经信局",
    ),
    (
        "update",
        "填报进度:某单位在某项任务上的进展\n\n\
         与终端界面的填报表单保存方式相同:只能填报任务自己的责任单位,填报人员只能填本单位;\
         期间若有他人保存,则拒绝保存。\n\n\
         示例:duban update --task \"(二)3\" --dept 经信局 --percent 60 --note \"已完成方案初稿\"",
    ),
    (
        "close",
        "办结销号:牵头单位进度达到 100% 后申请,管理员审核通过或说明原因退回;\
         管理员可重新打开已办结的任务;list 查看待审核队列\n\n\
         示例:duban close apply --task 3 --note \"园区已验收\"; duban close list --pending",
    ),
    (
        "close apply",
        "申请办结:牵头单位进度达到 100% 后提出,附办结说明\n\n\
         示例:duban close apply --task 3 --note \"园区已验收\" --why \"配合单位事项已并入\"",
    ),
    (
        "close approve",
        "审核通过办结申请,任务即办结;仅限管理员\n\n示例:duban close approve --task 3",
    ),
    (
        "close return",
        "退回办结申请并说明原因;仅限管理员\n\n\
         示例:duban close return --task 3 --reason \"缺少验收报告\"",
    ),
    (
        "close reopen",
        "重新打开已办结的任务并说明原因;仅限管理员\n\n\
         示例:duban close reopen --task 3 --reason \"复查发现未完成\"",
    ),
    (
        "close list",
        "有办结流程的任务;--pending 只列待审核的申请,最早的在前\n\n\
         示例:duban close list --pending; duban close list --dept 经信局",
    ),
    (
        "extend",
        "延期申请:责任单位在完成时限前(含当天)说明理由申请延期;管理员批准(此后按新时限)\
         或说明理由不予延期;超过时限后只能由管理员提出申请;list 查看待审批队列\n\n\
         示例:duban extend request --task 3 --to 2026-09-30 --reason \"征地手续未完成\"; \
         duban extend list --pending",
    ),
    (
        "extend request",
        "申请延期:任务的责任单位在完成时限前(含当天)提出并说明理由;超过时限后只能由管理员提出\n\n\
         示例:duban extend request --task 3 --to 2026-09-30 --reason \"征地手续未完成\"",
    ),
    (
        "extend approve",
        "批准待审批的延期申请:任务完成时限改为申请的日期或 --to 指定的日期;仅限管理员\n\n\
         示例:duban extend approve --task 3; duban extend approve --task 3 --to 2026-08-31",
    ),
    (
        "extend refuse",
        "不予延期并说明理由;仅限管理员\n\n\
         示例:duban extend refuse --task 3 --reason \"理由不充分,按原期限完成\"",
    ),
    (
        "extend list",
        "延期申请;--pending 只列待审批的,最早的在前\n\n\
         示例:duban extend list --pending; duban extend list --dept 经信局 --json",
    ),
    (
        "project",
        "重点项目(挂图作战):建设单位、总投资和年度计划投资、每月完成投资及年度投资完成率;\
         show 查看,set 设置(管理员)\n\n\
         示例:duban project show; duban project set --task 8 --owner \"某某公司\" --total 52000",
    ),
    (
        "project show",
        "重点项目:不加 --task 时列出全部重点项目(编号、项目、建设单位、总投资、本年计划、\
         本年完成、完成率、状态)及合计;加 --task 时显示该项目全部情况和每月填报的完成投资及填报人\n\n\
         示例:duban project show; duban project show --task 8 --json",
    ),
    (
        "project set",
        "将任务设为重点项目或修改其建设单位、总投资、某年的计划投资(万元);\
         --not-a-project 取消重点项目。仅限管理员\n\n\
         示例:duban project set --task 8 --owner \"某某新材料有限公司\" --total 52000 --planned 18000",
    ),
    (
        "invest",
        "填报完成投资:重点项目本年累计完成投资(截至某月末,万元),由任务的责任单位填报,\
         规则同填报进度;低于此前已报数须说明原因(--reason)\n\n\
         示例:duban invest --task 8 --month 2026-10 --amount 15200 --note \"设备进场\"",
    ),
    (
        "milestone",
        "任务的节点:list 查看;管理员 add、edit、remove 增删改;责任单位 reach 填报达到日期\n\n\
         示例:duban milestone list --task 8; duban milestone reach --task 8 主体结顶 --on 2026-07-05",
    ),
    (
        "milestone list",
        "按顺序列出任务的节点,序号即其他节点命令所用的序号:计划日期、进度、达到日期、状态、填报人\n\n\
         示例:duban milestone list --task 8; duban milestone list --task 8 --json",
    ),
    (
        "milestone add",
        "为任务添加节点:名称和计划日期,可加达到时应有的进度。仅限管理员\n\n\
         示例:duban milestone add --task 8 主体结顶 --on 2026-06-30 --share 60",
    ),
    (
        "milestone edit",
        "修改节点的名称、计划日期或进度。仅限管理员\n\n\
         示例:duban milestone edit --task 8 主体结顶 --on 2026-07-31",
    ),
    (
        "milestone remove",
        "删除节点(记录保留)。仅限管理员\n\n\
         示例:duban milestone remove --task 8 3",
    ),
    (
        "milestone reach",
        "填报节点达到的日期(任务的责任单位);--not-reached 加说明表示实际未达到\n\n\
         示例:duban milestone reach --task 8 主体结顶 --on 2026-07-05 --note \"主体结构封顶\"",
    ),
    (
        "notice",
        "督办单:就某项任务向责任单位发出的通知——蓝色提醒、黄色督办、红色挂牌督办;\
         duban 按红黄灯提出建议,管理员签发,单位反馈,管理员审核通过或退回;\
         print 生成一页纸的督办通知单\n\n\
         示例:duban notice propose; duban notice issue --task 6; \
         duban notice print 1 -o 督办单.md",
    ),
    (
        "notice propose",
        "按规则当前建议签发的督办单,最紧迫的在前(duban 不会自行签发)\n\n\
         示例:duban notice propose; duban notice propose --dept 经信局 --json",
    ),
    (
        "notice issue",
        "向责任单位签发督办单;仅限管理员。督办等级和事由默认取建议,反馈期限默认为今天加 \
         notice.reply_days 天\n\n\
         示例:duban notice issue --task 6 --dept 经信局 --required \"11月30日前报送整改方案\"",
    ),
    (
        "notice reply",
        "反馈督办单:由该单位的填报人员,或管理员代为反馈\n\n\
         示例:duban notice reply --notice \"督办〔2026〕第7号\" --text \"已召开专题会,12月完成\"",
    ),
    (
        "notice accept",
        "审核通过反馈,督办单办结;仅限管理员\n\n示例:duban notice accept --notice 7",
    ),
    (
        "notice return",
        "退回反馈并说明原因,单位须重新反馈;仅限管理员\n\n\
         示例:duban notice return --notice 7 --reason \"未说明完成时间\"",
    ),
    (
        "notice list",
        "督办单列表,最新的在前;--open 只列待反馈或待审核的;--overdue 只列超过反馈期限未反馈的\n\n\
         示例:duban notice list --dept 经信局 --overdue",
    ),
    (
        "notice show",
        "查看一份督办单的全部内容和办理经过\n\n示例:duban notice show 7",
    ),
    (
        "notice print",
        "把督办单生成一页纸的督办通知单:Markdown,或加 --format docx、写到 .docx 文件时为公文格式的 Word 文档\n\n示例:duban notice print 7 -o 督办单7.docx",
    ),
    (
        "attach",
        "佐证材料:把文件随任务、进度填报或办结申请保存在数据库中;列出材料;取出文件\
         (校验 SHA-256)\n\n\
         示例:duban attach add --task 3 --dept 经信局 --report 验收报告.pdf; duban attach get 12",
    ),
    (
        "attach add",
        "保存单位在某项任务上的佐证材料:随任务、最近一次进度填报(--report)、\
         办结申请(--closing)或督办单反馈\n\n\
         示例:duban attach add --task 3 --dept 经信局 --report 验收报告.pdf",
    ),
    (
        "attach list",
        "已保存的佐证材料,最早的在前:文件名、大小、SHA-256、提交人和时间\n\n\
         示例:duban attach list --task 3; duban attach list --dept 经信局 --json",
    ),
    (
        "attach get",
        "取出已保存的文件,校验 SHA-256(默认以原文件名保存到当前目录)\n\n\
         示例:duban attach get 12; duban attach get 12 -o ~/验收报告.pdf --force",
    ),
    (
        "log",
        "报送记录:谁在何时报送了什么,最新的在前\n\n\
         示例:duban log --dept 经信局 --since 2024-06-01 --limit 20",
    ),
    (
        "audit",
        "变更记录:计划结构的修改——任务、单位、人员、设置、导入,最新的在前:谁在何时改了什么,\
         每个字段的原值 → 新值\n\n\
         示例:duban audit --entity task --since 2026-11-01",
    ),
    (
        "report",
        "季度通报:按公布的评分办法给各单位排名,列出红灯任务和未报送的单位;\
         按报告期末的留痕记录计算\n\n\
         示例:duban report --period 2024-Q2 --format xlsx -o 2024Q2通报.xlsx",
    ),
    (
        "cycle",
        "各单位某期的报送情况:按时、迟报或漏报\n\n示例:duban cycle --period 2024-06",
    ),
    (
        "remind",
        "催办:为有漏报或红灯任务的单位生成催办提醒,可直接粘贴到消息中;不会自动发送\n\n\
         示例:duban remind --dept 经信局 --period 2024-06",
    ),
    (
        "indicators",
        "指标:各年度目标、最新实际值、完成率和增长;set 填报实际值\n\n\
         示例:duban indicators --year 2024; \
         duban indicators set 工业投资 --period 2024-Q2 --value 38.5",
    ),
    (
        "indicators set",
        "填报指标某一期的实际值\n\n\
         示例:duban indicators set 工业投资 --period 2024-Q2 --value 38.5",
    ),
    (
        "setting",
        "设置:报送周期、红黄灯标准、评分预设和权重\n\n\
         示例:duban setting preset light strict; duban setting set cycle.due_day=20",
    ),
    ("setting list", "列出全部设置及其值(标出默认值)"),
    (
        "setting set",
        "修改设置:键=值 …,作为一次留痕的修改;仅限管理员\n\n\
         示例:duban setting set cycle.due_day=20 score.weight.timeliness=30",
    ),
    (
        "setting preset",
        "套用预设:light default|strict(红黄灯)、score minmax|points(评分)\
         或 notice default|strict(督办);仅限管理员",
    ),
    (
        "clerk",
        "人员管理:谁可以填报什么;列出、添加、修改角色、移除",
    ),
    ("clerk list", "人员列表:每个人的角色和所属单位"),
    ("clerk add", "按系统登录名添加人员;仅限管理员"),
    ("clerk role", "修改人员的角色或所属单位;仅限管理员"),
    (
        "clerk remove",
        "移除人员:此后只能查看,其报送记录保留;仅限管理员",
    ),
    ("dept", "单位管理:列出、添加、改名、添加简称、合并"),
    ("dept list", "单位列表:类别、牵头和配合的任务数、人员和简称"),
    ("dept add", "添加单位;若有相近的现有名称会提示;仅限管理员"),
    ("dept rename", "单位改名;原名称保留为简称;仅限管理员"),
    ("dept alias", "添加单位的其他叫法(如 经信局);仅限管理员"),
    (
        "dept merge",
        "把原单位并入目标单位;不可撤销,因此会先确认,或须加 --yes;仅限管理员\n\n\
         目标单位接管原单位当前的任务(目标单位原不在该任务上的,沿用原单位的角色和进度;\
         两者都在的,任一方牵头则目标单位牵头,进度保留目标单位自己的)。原单位的报送记录仍记在\
         原单位名下,显示为“原单位(已并入目标单位)”;原单位保留在记录中并标明合并日期,\
         以前的通报不受影响。人员和指标转入目标单位;此后用原单位的名称和简称会找到目标单位。\
         不加 --yes 时先列出将要改动的每项任务,在终端上询问 y/N,不在终端上则拒绝(退出码 2)。",
    ),
    (
        "check",
        "检查数据库而不作任何改动:完整性、外键、留痕记录与当前值是否一致、\
         保存的当日状态汇总与逐项计算是否一致;发现问题时退出码为 3",
    ),
    (
        "backup",
        "备份数据库到指定文件;有人正在填报时也可安全备份\n\n\
         示例:duban backup /srv/duban/backup/duban-$(date +%F).db",
    ),
    ("restore", "用备份替换数据库,替换前先检查备份;须加 --force"),
    (
        "completions",
        "输出 shell 补全脚本(bash、zsh 或 fish)\n\n\
         示例:duban completions bash > ~/.local/share/bash-completion/completions/duban",
    ),
    (
        "man",
        "输出 man 手册页:不加 -o 时把 duban.1 输出到标准输出;-o 目录 则为每个命令各写一页\n\n\
         示例:duban man -o ~/.local/share/man/zh_CN/man1",
    ),
];

/// Each argument's help: (command path, argument id, text).
pub const ARGS: &[(&str, &str, &str)] = &[
    // duban itself; --db, --lang and --no-color hold for every command.
    (
        "",
        "db",
        "数据库文件(默认:$DUBAN_DB,否则 ~/.local/share/duban/duban.db)",
    ),
    ("", "lang", "提示和表格的语言:zh 或 en(默认:按 LANG)"),
    ("", "no_color", "不使用颜色,即使在终端上(也遵循 NO_COLOR)"),
    (
        "",
        "as_of",
        "按此日期(YYYY-MM-DD)打开界面:红黄灯和进度按当日的留痕记录计算",
    ),
    ("status", "dept", "只看此单位(名称、简称或唯一前缀)"),
    ("status", "as_of", "按此日期(YYYY-MM-DD)的进度记录计算"),
    ("status", "json", "输出供脚本使用的稳定 JSON(见 README)"),
    (
        "status",
        "plan",
        "只看此计划:计划标题、标题中唯一的一段或计划 id",
    ),
    (
        "status",
        "fail_on",
        "有下列情况之一时退出码为 4:red(有红灯)、overdue(有任务逾期未完成)、\
         missing(最近一个已过报送截止日的报送期有漏报);可写多个,如 red,missing,\
         或重复给出。输出内容不变",
    ),
    (
        "tasks",
        "plan",
        "只看此计划的任务:计划标题、标题中唯一的一段或计划 id",
    ),
    (
        "export",
        "plan",
        "只导出此计划:计划标题、标题中唯一的一段或计划 id(默认:全部计划,\
         每个计划一个工作表;多个计划的 CSV 有“计划”列)",
    ),
    (
        "log",
        "plan",
        "只看此计划:计划标题、标题中唯一的一段或计划 id",
    ),
    (
        "cycle",
        "plan",
        "只看此计划:计划标题、标题中唯一的一段或计划 id",
    ),
    (
        "remind",
        "plan",
        "只看此计划:计划标题、标题中唯一的一段或计划 id",
    ),
    (
        "indicators",
        "plan",
        "只看此计划的指标:计划标题、标题中唯一的一段或计划 id",
    ),
    (
        "report",
        "plan",
        "只看此计划:计划标题、标题中唯一的一段或计划 id(默认:全部计划,通报中列明)",
    ),
    (
        "report",
        "issue",
        "为 docx 编排本年度下一个通报文号,并连同文件的 SHA-256 记入留痕\
         (仅限管理员;不加时文号留空,作为草稿)",
    ),
    (
        "report",
        "issued",
        "列出已印发的通报(文号、报告期、截至日期、印发人、时间、SHA-256)",
    ),
    (
        "audit",
        "since",
        "只看从此日零时起的记录(YYYY-MM-DD,本地时间)",
    ),
    (
        "audit",
        "entity",
        "只看此类对象:task(任务)、department(单位)、clerk(人员)、setting(设置)、\
         plan(计划)或 database(数据库)",
    ),
    ("audit", "by", "只看此登录名所做的修改"),
    ("audit", "limit", "最多 N 条,取最新的(默认 50)"),
    ("audit", "json", "输出供脚本使用的稳定 JSON(见 README)"),
    (
        "notice print",
        "format",
        "md 或 docx(默认:文件名以 .docx 结尾时为 docx,否则为 md)",
    ),
    ("status", "csv", "输出 CSV,供电子表格使用"),
    (
        "tasks",
        "dept",
        "只看此单位承担的任务(名称、简称或唯一前缀)",
    ),
    ("tasks", "overdue", "只看已过完成时限且未完成的任务"),
    ("tasks", "as_of", "按此日期(YYYY-MM-DD)的进度记录计算"),
    ("tasks", "json", "输出供脚本使用的稳定 JSON(见 README)"),
    ("tasks", "csv", "输出 CSV,供电子表格使用"),
    (
        "demo",
        "file",
        "创建位置(默认:给了 --db 就用它,否则 duban-demo.db;不使用 $DUBAN_DB,\
         以免示例数据误写到科室的正式文件上)",
    ),
    ("demo", "force", "文件已存在时替换"),
    ("demo", "no_open", "只创建文件,不打开"),
    ("gen", "file", "要创建的文件"),
    ("gen", "tasks", "任务数"),
    ("gen", "departments", "单位数"),
    ("gen", "seed", "随机种子:种子和年份相同,生成的数据相同"),
    ("gen", "year", "计划年份(默认:今年)"),
    ("gen", "force", "文件已存在时替换"),
    (
        "init",
        "file",
        "创建位置(默认:--db、$DUBAN_DB 或 ~/.local/share/duban/duban.db)",
    ),
    ("init", "shared", "设为多人共用的文件:须同时给出 --group"),
    (
        "init",
        "group",
        "填报人员所在的用户组(组名或组号):目录和文件的属组",
    ),
    ("import plan", "file", "计划文本文件"),
    (
        "import plan",
        "dry_run",
        "只列出将要创建的内容(章节、带责任单位和时限的任务、指标、新单位、需核对的行),不保存",
    ),
    (
        "import plan",
        "maps",
        "把文中的某个单位名称当作另一个单位:现有单位(名称或简称)或文中的另一个单位;\
         原名称保留为简称。可多次使用:--map 经信局=区经济和信息化局",
    ),
    (
        "import plan",
        "json",
        "输出 JSON:加 --dry-run 时为预览,否则为已保存的内容",
    ),
    (
        "import xlsx",
        "file",
        "表格文件(csv 为 UTF-8,带或不带 BOM,或 GB18030)",
    ),
    (
        "import xlsx",
        "sheet_date",
        "表格数据所反映的日期,用于非 duban 导出的表格(没有“基于版本”列):\
         任务在该日之后有填报或修改的行会被列出,不导入",
    ),
    ("import xlsx", "dry_run", "只列出将要改动的内容,不保存"),
    (
        "import xlsx",
        "json",
        "以 JSON 输出改动(加 --dry-run 时为将要改动的内容)",
    ),
    (
        "import csv",
        "file",
        "表格文件(csv 为 UTF-8,带或不带 BOM,或 GB18030)",
    ),
    (
        "import csv",
        "sheet_date",
        "表格数据所反映的日期,用于非 duban 导出的表格(没有“基于版本”列):\
         任务在该日之后有填报或修改的行会被列出,不导入",
    ),
    ("import csv", "dry_run", "只列出将要改动的内容,不保存"),
    (
        "import csv",
        "json",
        "以 JSON 输出改动(加 --dry-run 时为将要改动的内容)",
    ),
    (
        "export",
        "format",
        "xlsx(每个计划一个工作表)或 csv(UTF-8 带 BOM,一个文件)",
    ),
    (
        "export",
        "output",
        "要写入的文件;- 为标准输出(xlsx 不能输出到终端)。CSV 不加 -o 时输出到标准输出",
    ),
    (
        "export",
        "dept",
        "只导出此单位的任务,附该单位自己的进度和说明(名称、简称或前缀)",
    ),
    ("export", "force", "文件已存在时替换"),
    (
        "update",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "update",
        "dept",
        "填报单位,须是任务的责任单位之一(名称、简称或唯一前缀)",
    ),
    (
        "update",
        "percent",
        "新的完成进度:0 到 100(60 或 60%),或 +N 在当前进度上增加",
    ),
    (
        "update",
        "note",
        "进展情况(进展/问题/下一步),按原文保存;- 表示从标准输入读取\
         (在打开数据库前读完,最多 1 MiB)",
    ),
    (
        "update",
        "expect",
        "仅当当前进度为 N 时保存(供脚本使用,避免覆盖他人在此期间的填报);\
         不加时按现有进度直接保存",
    ),
    (
        "close apply",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "close apply",
        "dept",
        "申请办结的牵头单位(默认:本人所在单位,否则任务唯一的牵头单位)",
    ),
    ("close apply", "note", "办结说明:完成了哪些工作"),
    (
        "close apply",
        "why",
        "进度未到 100% 的单位为何不再办理(有此类单位时必填)",
    ),
    ("close approve", "task", "任务:编号(3、(二)3)或任务 id(#17)"),
    ("close approve", "note", "审核意见(记入留痕)"),
    ("close return", "task", "任务:编号(3、(二)3)或任务 id(#17)"),
    ("close return", "reason", "原因(单位在列表中可以看到)"),
    ("close reopen", "task", "任务:编号(3、(二)3)或任务 id(#17)"),
    ("close reopen", "reason", "原因(单位在列表中可以看到)"),
    ("close list", "pending", "只列待审核的申请,最早的在前"),
    ("close list", "json", "输出供脚本使用的稳定 JSON"),
    (
        "close list",
        "dept",
        "只看此单位承担的任务(名称、简称或唯一前缀)",
    ),
    (
        "close list",
        "as_of",
        "查看截至此日(YYYY-MM-DD)结束时的状态",
    ),
    (
        "extend request",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "extend request",
        "dept",
        "申请单位(默认:本人所在单位,否则任务唯一的牵头单位或唯一的责任单位)",
    ),
    (
        "extend request",
        "to",
        "申请延至的完成时限(YYYY-MM-DD),须晚于现在的时限",
    ),
    ("extend request", "reason", "需要延期的理由(督查科会看到)"),
    (
        "extend approve",
        "task",
        "任务:编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "extend approve",
        "to",
        "批准此日期,而不是申请的日期(须晚于现在的完成时限)",
    ),
    ("extend approve", "note", "审批意见(记入留痕)"),
    ("extend refuse", "task", "任务:编号(3、(二)3)或任务 id(#17)"),
    ("extend refuse", "reason", "理由(单位可以看到)"),
    ("extend list", "pending", "只列待审批的申请,最早的在前"),
    ("extend list", "json", "输出供脚本使用的稳定 JSON"),
    (
        "extend list",
        "dept",
        "只看此单位承担的任务(名称、简称或唯一前缀)",
    ),
    (
        "extend list",
        "as_of",
        "查看截至此日(YYYY-MM-DD)结束时的申请情况",
    ),
    (
        "project show",
        "task",
        "只看此任务的项目:编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "project show",
        "plan",
        "只看文件中的这一计划:标题、标题中唯一的一段或 id",
    ),
    (
        "project show",
        "as_of",
        "按截至此日(YYYY-MM-DD)的记录显示:当年的数字、当时的状态",
    ),
    ("project show", "json", "输出供脚本使用的稳定 JSON"),
    ("project set", "task", "任务:编号(3、(二)3)或任务 id(#17)"),
    (
        "project set",
        "owner",
        "建设单位:承建的企业名称(不是本文件中的单位)",
    ),
    ("project set", "total", "总投资,单位万元:52000 或 52,000"),
    ("project set", "year", "--planned 所指的年份(默认:今年)"),
    ("project set", "planned", "年度计划投资,单位万元"),
    (
        "project set",
        "not_a_project",
        "不再作为重点项目(已填报的投资和节点留在记录中)",
    ),
    (
        "invest",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    ("invest", "month", "所报月份:2026-11(不能是尚未开始的月份)"),
    (
        "invest",
        "amount",
        "截至该月末本年累计完成投资,单位万元:1200、1,200.5 或 1200万元",
    ),
    (
        "invest",
        "dept",
        "填报单位(默认:本人所在单位,否则任务唯一的牵头单位或唯一的责任单位;管理员须指定)",
    ),
    ("invest", "note", "说明(完成了什么、付了什么款、卡在哪里)"),
    (
        "invest",
        "reason",
        "低于本年此前已报数的原因(此时必填:属于更正)",
    ),
    (
        "milestone list",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "milestone list",
        "as_of",
        "按截至此日(YYYY-MM-DD)的记录显示",
    ),
    ("milestone list", "json", "输出供脚本使用的稳定 JSON"),
    ("milestone add", "task", "任务:编号(3、(二)3)或任务 id(#17)"),
    (
        "milestone add",
        "name",
        "节点名称:开工、主体结顶、竣工、投产……",
    ),
    ("milestone add", "on", "计划日期(YYYY-MM-DD)"),
    (
        "milestone add",
        "share",
        "达到时应有的完成进度,0 到 100:序时进度随之按节点计算",
    ),
    (
        "milestone edit",
        "task",
        "任务:编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "milestone edit",
        "milestone",
        "节点:milestone list 中的序号,或节点名称",
    ),
    ("milestone edit", "name", "新名称"),
    ("milestone edit", "on", "新的计划日期(YYYY-MM-DD)"),
    ("milestone edit", "share", "新的进度,0 到 100;none 表示不设"),
    (
        "milestone remove",
        "task",
        "任务:编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "milestone remove",
        "milestone",
        "节点:milestone list 中的序号,或节点名称",
    ),
    (
        "milestone reach",
        "task",
        "任务:编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "milestone reach",
        "milestone",
        "节点:milestone list 中的序号,或节点名称",
    ),
    (
        "milestone reach",
        "on",
        "达到的日期(YYYY-MM-DD),不能晚于今天",
    ),
    (
        "milestone reach",
        "not_reached",
        "实际未达到(此前误填了日期);须加 --note 说明",
    ),
    (
        "milestone reach",
        "dept",
        "填报单位(默认:本人所在单位,否则任务唯一的牵头单位或唯一的责任单位;管理员须指定)",
    ),
    ("milestone reach", "note", "说明(做了什么;为何未达到)"),
    (
        "notice propose",
        "dept",
        "只看此单位的(名称、简称或唯一前缀)",
    ),
    ("notice propose", "json", "输出供脚本使用的稳定 JSON"),
    (
        "notice issue",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "notice issue",
        "dept",
        "督办的单位(默认:任务唯一的牵头单位)",
    ),
    (
        "notice issue",
        "level",
        "blue(蓝色提醒)、yellow(黄色督办)或 red(红色挂牌督办);默认取建议的等级",
    ),
    (
        "notice issue",
        "reason",
        "督办事由(默认:亮灯原因,以及未反馈的督办单)",
    ),
    ("notice issue", "required", "督办要求:单位须做什么"),
    (
        "notice issue",
        "reply_by",
        "反馈期限,YYYY-MM-DD(默认:今天加 notice.reply_days 天)",
    ),
    (
        "notice reply",
        "notice",
        "督办单:#id(列表中显示的)或文号(督办〔2026〕第7号)",
    ),
    ("notice reply", "text", "反馈内容"),
    ("notice accept", "notice", "督办单:#id 或文号"),
    ("notice accept", "note", "审核意见(记入留痕)"),
    ("notice return", "notice", "督办单:#id 或文号"),
    ("notice return", "reason", "反馈不充分的原因(单位可以看到)"),
    ("notice list", "dept", "只看此单位的(名称、简称或唯一前缀)"),
    ("notice list", "open", "只列待反馈或待审核的"),
    ("notice list", "overdue", "只列超过反馈期限仍未反馈的"),
    ("notice list", "json", "输出供脚本使用的稳定 JSON"),
    (
        "notice list",
        "as_of",
        "查看截至此日(YYYY-MM-DD)结束时的情况",
    ),
    ("notice show", "notice", "督办单:#id 或文号"),
    ("notice show", "json", "输出供脚本使用的稳定 JSON"),
    (
        "notice show",
        "as_of",
        "查看截至此日(YYYY-MM-DD)结束时的情况",
    ),
    ("notice print", "notice", "督办单:#id 或文号"),
    (
        "notice print",
        "output",
        "要写入的文件;- 或不加为标准输出(仅限 Markdown)",
    ),
    ("notice print", "force", "文件已存在时替换"),
    (
        "attach add",
        "task",
        "任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "attach add",
        "dept",
        "单位(默认:本人所在单位,否则任务唯一的责任单位)",
    ),
    ("attach add", "report", "附在该单位最近一次的进度填报上"),
    ("attach add", "closing", "附在该单位最近一次的办结申请上"),
    (
        "attach add",
        "notice_step",
        "附在督办单的反馈上(督办单记录的 id)",
    ),
    (
        "attach add",
        "files",
        "文件(每个不超过 attach.max_file_mb;保存时用文件自己的名称)",
    ),
    (
        "attach list",
        "task",
        "只看此任务的材料:编号(3、(二)3)或任务 id(#17)",
    ),
    (
        "attach list",
        "dept",
        "只看此单位的材料(名称、简称或唯一前缀)",
    ),
    (
        "attach list",
        "json",
        "输出供脚本使用的稳定 JSON(含完整 SHA-256)",
    ),
    (
        "attach get",
        "id",
        "文件 id,即 duban attach list 显示的(12 或 #12)",
    ),
    (
        "attach get",
        "output",
        "写到哪里(- 为标准输出);默认:以保存时的名称写到当前目录",
    ),
    ("attach get", "force", "替换已有文件"),
    (
        "log",
        "task",
        "只看此任务:duban tasks 显示的编号(3、(二)3)或任务 id(#17)",
    ),
    ("log", "dept", "只看此单位(名称、简称或唯一前缀)"),
    (
        "log",
        "since",
        "只看从此日零时起的记录(YYYY-MM-DD,本地时间)",
    ),
    ("log", "limit", "最多 N 条,取最新的"),
    ("log", "json", "输出供脚本使用的稳定 JSON(见 README)"),
    (
        "report",
        "period",
        "报告期:2024-Q2、2024-06 或 2024(默认:本季度)",
    ),
    (
        "report",
        "format",
        "md(Markdown,便于粘贴)、xlsx(便于打印:排名、红灯任务、全部任务)、\
         csv(排名,供其他工具使用)或 docx(按公文格式印发的通报;须加 -o)",
    ),
    (
        "report",
        "output",
        "要写入的文件;- 或不加为标准输出(xlsx 须写入文件或管道)",
    ),
    ("report", "force", "文件已存在时替换"),
    (
        "cycle",
        "period",
        "报送期:2024-06(月)、2024-Q2 或 2024(默认:最近一个已过报送截止日的报送期)",
    ),
    ("cycle", "json", "输出供脚本使用的稳定 JSON"),
    ("remind", "dept", "只看此单位(名称、简称或唯一前缀)"),
    (
        "remind",
        "period",
        "报送期:2024-06、2024-Q2 或 2024(默认:最近一个已过报送截止日的报送期)",
    ),
    (
        "indicators",
        "year",
        "查看哪一年的目标和实际值,1900–2200(默认:今年)",
    ),
    ("indicators", "json", "输出供脚本使用的稳定 JSON"),
    ("indicators set", "indicator", "指标:名称,或 #3 形式的 id"),
    ("indicators set", "period", "2024(全年)、2024-Q2 或 2024-06"),
    ("indicators set", "value", "实际值:38.5、1,234、7.5%"),
    ("indicators set", "dept", "单位(有多个单位的指标同名时指定)"),
    ("setting list", "json", "输出供脚本使用的稳定 JSON"),
    (
        "setting set",
        "pairs",
        "要修改的设置,键=值(如 cycle.due_day=20),可一次写多个",
    ),
    (
        "setting preset",
        "what",
        "哪一类预设:light(红黄灯标准)、score(评分办法)或 notice(督办单建议:\
         蓝色提醒天数、黄色督办落后点数、反馈天数)",
    ),
    (
        "setting preset",
        "name",
        "预设名称(如 default、strict、minmax、points)",
    ),
    (
        "clerk list",
        "json",
        "输出供脚本使用的 JSON:[{\"username\", \"display_name\", \"role\", \"department\"}]",
    ),
    (
        "clerk add",
        "user",
        "此人在本服务器上的登录名(即其 id -un 的输出)",
    ),
    (
        "clerk add",
        "role",
        "admin(管理员,可做一切)、editor(填报人员,填报一个单位)或 viewer(查看人员,只读)",
    ),
    (
        "clerk add",
        "dept",
        "所属单位(名称、简称或唯一前缀);填报人员必须有",
    ),
    ("clerk add", "name", "大家熟悉的姓名(如 张丽)"),
    ("clerk role", "user", "登录名"),
    ("clerk role", "role", "admin、editor 或 viewer"),
    ("clerk role", "dept", "今后所属的单位(默认:保持现有单位)"),
    ("clerk role", "no_dept", "不再属于任何单位(填报人员不可)"),
    ("clerk remove", "user", "登录名"),
    (
        "dept list",
        "json",
        "输出供脚本使用的 JSON:[{\"id\", \"name\", \"kind\", \"aliases\", \"led\", \"co\", \"clerks\"}]",
    ),
    ("dept add", "name", "单位名称"),
    (
        "dept add",
        "kind",
        "bureau(局)、street(街道)、company(企业)或 other(其他)\
         (默认:按名称推断:局 为 bureau,街道 为 street…)",
    ),
    ("dept rename", "name", "单位(名称、简称或唯一前缀)"),
    ("dept rename", "new", "新名称"),
    ("dept alias", "name", "单位(名称、简称或唯一前缀)"),
    ("dept alias", "alias", "简称"),
    ("dept merge", "from", "被并入的单位(全称或简称)"),
    ("dept merge", "into", "保留的单位(全称或简称)"),
    ("dept merge", "yes", "不询问直接合并(供脚本使用)"),
    (
        "check",
        "code",
        "通报上的留痕校验码,如 1523-9F86-D081-884C-7D65-9A2F:核验文件中截至 --as-of \
         的留痕记录是否仍是生成该通报时的记录",
    ),
    (
        "check",
        "as_of",
        "校验码对应的日期:通报的“截至”日期(默认:今天)",
    ),
    (
        "check",
        "drop_kept",
        "清除文件保存的当日状态汇总(派生数据而非记录,下次读取时重新计算);用于检查发现其与逐项计算不符时",
    ),
    ("backup", "file", "备份写到哪里(一个独立完整的文件)"),
    ("backup", "force", "文件已存在时替换"),
    ("restore", "backup", "由 duban backup 生成的备份"),
    (
        "restore",
        "force",
        "数据库(--db、$DUBAN_DB 或默认位置)已存在时替换",
    ),
    ("completions", "shell", "bash、zsh 或 fish"),
    (
        "man",
        "output",
        "把每个命令的手册页写入此目录(不加时把 duban.1 输出到标准输出)",
    ),
    ("man", "force", "替换目录中已有的手册页"),
];

/// Value names (`<FILE>`) shown in Chinese; the rest stay as the English has them.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("NAME|ID", "名称|id"),
    ("LOGIN", "登录名"),
    ("FILE", "文件"),
    ("DATE", "日期"),
    ("YYYY-MM-DD", "日期"),
    ("TEXT", "文字"),
    ("NAME", "名称"),
    ("TASK", "任务"),
    ("NOTICE", "督办单"),
    ("PERIOD", "期"),
    ("YEAR", "年份"),
    ("NUMBER", "数值"),
    ("INDICATOR", "指标"),
    ("KEY=VALUE", "键=值"),
    ("NAME=UNIT", "文中名称=单位"),
    ("FROM", "原单位"),
    ("INTO", "目标单位"),
    ("USER", "登录名"),
    ("ROLE", "角色"),
    ("DISPLAY", "姓名"),
    ("KIND", "类别"),
    ("NEW", "新名称"),
    ("ALIAS", "简称"),
    ("FORMAT", "格式"),
    ("LEVEL", "等级"),
    ("BACKUP", "备份"),
    ("CODE", "校验码"),
    ("WHAT", "类别"),
    ("DIR", "目录"),
    ("TASKS", "数量"),
    ("DEPARTMENTS", "数量"),
    ("SEED", "种子"),
    ("GROUP", "用户组"),
    ("COMMAND", "命令"),
    ("LANG", "语言"),
    ("MONTH", "月份"),
    ("AMOUNT", "金额"),
    ("MILESTONE", "节点"),
];

pub fn value_name(en: &str) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(e, _)| *e == en)
        .map(|(_, cn)| *cn)
}

/// clap's -h/--help, -V/--version and `help` subcommand.
pub const HELP_FLAG: &str = "显示帮助";
pub const HELP_FLAG_SHORT: &str = "显示帮助(--help 显示详细说明)";
pub const HELP_FLAG_LONG: &str = "显示帮助(-h 只显示摘要)";
pub const VERSION_FLAG: &str = "显示版本";
pub const HELP_COMMAND: &str = "显示本帮助,或指定命令的帮助";
pub const HELP_COMMAND_ARG: &str = "要查看帮助的命令";

/// clap's headings, replaced at the start of a line of rendered help.
pub const HEADINGS: &[(&str, &str)] = &[
    ("Usage:", "用法:"),
    ("Options:", "选项:"),
    ("Commands:", "命令:"),
    ("Arguments:", "参数:"),
    ("Possible values:", "可选值:"),
    // clap_mangen's sections.
    (".SH NAME", ".SH 名称"),
    (".SH SYNOPSIS", ".SH 用法"),
    (".SH DESCRIPTION", ".SH 说明"),
    (".SH OPTIONS", ".SH 选项"),
    (".SH SUBCOMMANDS", ".SH 命令"),
    (".SH VERSION", ".SH 版本"),
    (".SH EXTRA", ".SH 其他"),
];

/// clap's notes inside rendered help, replaced wherever they are.
pub const FRAGMENTS: &[(&str, &str)] = &[
    ("[OPTIONS]", "[选项]"),
    ("[possible values:", "[可选值:"),
    ("[default:", "[默认:"),
    ("[aliases:", "[别名:"),
    ("[alias:", "[别名:"),
    ("Possible values:", "可选值:"),
];
