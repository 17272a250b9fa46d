// Every user-facing string of the map page, in Chinese (default) and English, and the small
// helpers that pick one. Other modules never write UI text of their own.

const STRINGS = {
  zh: {
    'app.title': '生态环境一张图',
    'app.loading': '正在加载地图…',
    'app.style_error': '无法加载地图样式：{error}',
    'app.error': '出错了：{error}',
    'lang.toggle': 'English',
    'lang.toggle_label': 'Switch to English',
    'access.toggle': '密钥',
    'access.toggle_label': 'API 密钥：输入或清除',
    'access.toggle_label_role': 'API 密钥（当前身份：{role}）',
    'access.heading': 'API 密钥',
    'access.label': '密钥（om_ 开头，由管理员发放）',
    'access.hint': '粘贴一次即可：密钥只保存在本浏览器中，用来查看您的角色可以看的图层。',
    'access.save': '保存',
    'access.close': '关闭',
    'access.sign_out': '清除密钥',
    'access.leave_link': '退出链接访问',
    'access.anonymous': '未登录：地图显示公众可见的图层。',
    'access.signed_in': '身份：{role}（密钥 {id}）',
    'access.by_link': '通过链接访问（密钥 {id}），有效至 {expires}',
    'access.link_badge': '链接',
    'access.empty': '请先粘贴密钥。',
    'access.checking': '正在验证密钥…',
    'access.saved': '密钥有效（身份：{role}），正在重新加载地图…',
    'access.rejected': '密钥无效：服务器不认识这个密钥（输入有误或已被吊销）。',
    'access.failed': '无法验证密钥：{error}',
    'access.stored_rejected': '保存的密钥无效（输入有误或已被吊销），地图按公众权限显示。请清除它，或输入新的密钥。',
    'access.stored_failed': '无法用保存的密钥登录：{error}。地图按公众权限显示。',
    'access.link_rejected': '链接中的访问令牌已失效（过期或已吊销），地图按公众权限显示。请向管理员索取新链接。',
    'panel.layers': '图层',
    'panel.tools': '分析',
    'panel.layers_toggle': '显示或隐藏图层面板',
    'panel.tools_toggle': '显示或隐藏分析面板',
    'layers.heading': '图层',
    'layers.other': '其他',
    'legend.heading': '图例',
    'legend.empty': '没有显示的图层',
    'search.label': '搜索地名、企业、地块',
    'search.placeholder': '搜索：镇、企业、地块…',
    'search.none': '没有找到“{q}”',
    'search.error': '搜索失败：{error}',
    'search.count': '{n} 个结果',
    'popup.no_attributes': '没有属性',
    'popup.check_plot': '检查此地块',
    'value.true': '是',
    'value.false': '否',
    'value.null': '—',
    'plot.heading': '地块检查',
    'plot.intro': '选择地图上的地块或绘制一个地块，选择规划用途，查看规划中的限制条件。',
    'plot.pick': '在地图上选择地块',
    'plot.picking': '请点击地图上的地块（按 Esc 取消）',
    'plot.draw': '绘制地块',
    'plot.drawing': '在地图上逐点绘制，单击起点或按 Enter 完成（按 Esc 取消）',
    'plot.none': '尚未选择地块',
    'plot.selected_feature': '{collection}：{name}',
    'plot.drawn': '绘制的地块',
    'plot.use': '规划用途',
    'plot.run': '检查',
    'plot.running': '正在检查…',
    'plot.clear': '清除',
    'plot.no_feature_here': '这里没有面状地块',
    'plot.result_heading': '检查结果',
    'plot.township': '所在镇/街道：{name}',
    'plot.area': '面积：{area}',
    'plot.counts': '禁止 {prohibited} 项，限制 {restricted} 项，提示 {notice} 项',
    'plot.clean': '未发现限制：按所选用途，该地块不受已检查规则的限制。',
    'plot.rules_checked': '已检查规则：{rules}',
    'plot.trigger': '触发要素：{collection} · {name}',
    'plot.trigger_self': '地块自身属性',
    'plot.distance': '距离：{distance}',
    'plot.overlap': '重叠面积：{area}',
    'plot.error': '检查失败：{error}',
    'plot.bad_link': '链接中的地块参数无效：{plot}',
    'download.heading': '下载',
    'download.intro': '把图层带到 QGIS、QField、手机或 Excel：选择图层、格式和范围。',
    'download.layer': '图层',
    'download.format': '格式',
    'download.scope': '范围',
    'download.scope_view': '当前视图',
    'download.scope_all': '全部',
    'download.scope_township': '镇/街道',
    'download.township': '镇/街道',
    'download.clip': '裁剪到镇/街道边界',
    'download.link': '下载 {layer}（{format}）',
    'download.package': '{township} 离线包（全部图层）',
    'download.package_hint': 'ZIP：GeoPackage（含样式）、离线瓦片和 QGIS 工程，QGIS 双击打开，QField 可直接导入。',
    'screening.heading': '规则排查',
    'screening.stage': '正在排查 {name}',
    'screening.stage_count': '正在排查 {name}：已完成 {done} / {total} 个要素',
    'screening.intro': '按规划规则对全市要素进行排查，结果可导出为台账（CSV）。',
    'screening.rules': '规则',
    'screening.run_selected': '排查所选规则',
    'screening.run_all': '排查全部规则',
    'screening.cancel': '取消',
    'screening.select_one': '请至少选择一条规则',
    'screening.queued': '排队中…',
    'screening.running': '正在排查…',
    'screening.done': '排查完成：{n} 条结果',
    'screening.failed': '排查失败：{error}',
    'screening.cancelled': '已取消',
    'screening.none': '没有发现违反所选规则的要素。',
    'screening.col_rule': '规则',
    'screening.col_severity': '级别',
    'screening.col_feature': '要素',
    'screening.col_target': '相关要素',
    'screening.col_measure': '距离/重叠',
    'screening.show': '在地图上显示 {name}',
    'screening.export': '导出台账（CSV）',
    'screening.exporting': '正在生成台账…',
    'screening.download': '下载台账：{file}',
    'screening.export_failed': '生成台账失败：{error}',
    'severity.prohibited': '禁止',
    'severity.restricted': '限制',
    'severity.notice': '提示',
    'relation.attribute': '地块属性',
    'relation.within_distance': '距离范围内',
    'relation.inside': '位于其内',
    'relation.intersects': '相交',
    'relation.adjacent': '毗邻',
    'unit.m': '{v} 米',
    'unit.km': '{v} 公里',
    'unit.m2': '{v} 平方米',
    'unit.ha': '{v} 公顷',
    'feature.id': '编号 {id}',
  },
  en: {
    'app.title': 'Environmental One-Map',
    'app.loading': 'Loading the map…',
    'app.style_error': 'Could not load the map style: {error}',
    'app.error': 'Something went wrong: {error}',
    'lang.toggle': '中文',
    'lang.toggle_label': '切换到中文',
    'access.toggle': 'API key',
    'access.toggle_label': 'API key: enter or clear',
    'access.toggle_label_role': 'API key (signed in as {role})',
    'access.heading': 'API key',
    'access.label': 'Key (starts with om_, from your administrator)',
    'access.hint': 'Paste it once: the key stays in this browser only and opens the layers your role may see.',
    'access.save': 'Save',
    'access.close': 'Close',
    'access.sign_out': 'Sign out',
    'access.leave_link': 'Leave the link’s access',
    'access.anonymous': 'Not signed in: the map shows the layers the public may see.',
    'access.signed_in': 'Signed in as {role} (key {id})',
    'access.by_link': 'Access by link (key {id}), valid until {expires}',
    'access.link_badge': 'link',
    'access.empty': 'Paste a key first.',
    'access.checking': 'Checking the key…',
    'access.saved': 'The key works (role: {role}); reloading the map…',
    'access.rejected': 'The key was not accepted: the server does not know it (mistyped or revoked).',
    'access.failed': 'Could not check the key: {error}',
    'access.stored_rejected': 'The saved API key was not accepted (mistyped or revoked); the map shows what the public may see. Clear it, or enter a new key.',
    'access.stored_failed': 'Could not sign in with the saved key: {error}. The map shows what the public may see.',
    'access.link_rejected': 'The link’s access token is no longer valid (expired or revoked); the map shows what the public may see. Ask your administrator for a new link.',
    'panel.layers': 'Layers',
    'panel.tools': 'Analysis',
    'panel.layers_toggle': 'Show or hide the layers panel',
    'panel.tools_toggle': 'Show or hide the analysis panel',
    'layers.heading': 'Layers',
    'layers.other': 'Other',
    'legend.heading': 'Legend',
    'legend.empty': 'No layer is shown',
    'search.label': 'Search places, enterprises, plots',
    'search.placeholder': 'Search: towns, enterprises, plots…',
    'search.none': 'Nothing found for “{q}”',
    'search.error': 'Search failed: {error}',
    'search.count': '{n} results',
    'popup.no_attributes': 'No attributes',
    'popup.check_plot': 'Check this plot',
    'value.true': 'Yes',
    'value.false': 'No',
    'value.null': '—',
    'plot.heading': 'Plot check',
    'plot.intro': 'Pick a plot on the map or draw one, choose the planned use and see what the plans restrict.',
    'plot.pick': 'Pick a plot on the map',
    'plot.picking': 'Click a plot on the map (Esc cancels)',
    'plot.draw': 'Draw a plot',
    'plot.drawing': 'Click the corners on the map; click the first point or press Enter to finish (Esc cancels)',
    'plot.none': 'No plot chosen yet',
    'plot.selected_feature': '{collection}: {name}',
    'plot.drawn': 'Drawn plot',
    'plot.use': 'Planned use',
    'plot.run': 'Check',
    'plot.running': 'Checking…',
    'plot.clear': 'Clear',
    'plot.no_feature_here': 'There is no polygon here',
    'plot.result_heading': 'Result',
    'plot.township': 'Township: {name}',
    'plot.area': 'Area: {area}',
    'plot.counts': '{prohibited} prohibited, {restricted} restricted, {notice} notices',
    'plot.clean': 'No restrictions: for this use, none of the rules checked restricts the plot.',
    'plot.rules_checked': 'Rules checked: {rules}',
    'plot.trigger': 'Triggered by: {collection} · {name}',
    'plot.trigger_self': 'the plot’s own attributes',
    'plot.distance': 'Distance: {distance}',
    'plot.overlap': 'Overlap: {area}',
    'plot.error': 'The check failed: {error}',
    'plot.bad_link': 'The link’s plot parameter is not valid: {plot}',
    'download.heading': 'Download',
    'download.intro': 'Take a layer into QGIS, QField, a phone or Excel: choose the layer, the format and the area.',
    'download.layer': 'Layer',
    'download.format': 'Format',
    'download.scope': 'Area',
    'download.scope_view': 'The current view',
    'download.scope_all': 'Everything',
    'download.scope_township': 'A township',
    'download.township': 'Township',
    'download.clip': 'Clip to the township boundary',
    'download.link': 'Download {layer} ({format})',
    'download.package': 'Offline package of {township} (every layer)',
    'download.package_hint': 'A ZIP: GeoPackage with styles, offline tiles and a QGIS project; QGIS opens it by double-click, QField imports it.',
    'screening.heading': 'Screening',
    'screening.stage': 'Screening {name}',
    'screening.stage_count': 'Screening {name}: {done} of {total} features',
    'screening.intro': 'Screen the whole city against the plans’ rules; export the result as a ledger (CSV).',
    'screening.rules': 'Rules',
    'screening.run_selected': 'Screen selected rules',
    'screening.run_all': 'Screen all rules',
    'screening.cancel': 'Cancel',
    'screening.select_one': 'Select at least one rule',
    'screening.queued': 'Queued…',
    'screening.running': 'Screening…',
    'screening.done': 'Screening done: {n} results',
    'screening.failed': 'Screening failed: {error}',
    'screening.cancelled': 'Cancelled',
    'screening.none': 'No feature breaks the selected rules.',
    'screening.col_rule': 'Rule',
    'screening.col_severity': 'Severity',
    'screening.col_feature': 'Feature',
    'screening.col_target': 'Related feature',
    'screening.col_measure': 'Distance / overlap',
    'screening.show': 'Show {name} on the map',
    'screening.export': 'Export ledger (CSV)',
    'screening.exporting': 'Preparing the ledger…',
    'screening.download': 'Download the ledger: {file}',
    'screening.export_failed': 'The ledger failed: {error}',
    'severity.prohibited': 'Prohibited',
    'severity.restricted': 'Restricted',
    'severity.notice': 'Notice',
    'relation.attribute': 'plot attribute',
    'relation.within_distance': 'within distance',
    'relation.inside': 'inside',
    'relation.intersects': 'intersects',
    'relation.adjacent': 'adjacent',
    'unit.m': '{v} m',
    'unit.km': '{v} km',
    'unit.m2': '{v} m²',
    'unit.ha': '{v} ha',
    'feature.id': 'id {id}',
  },
};

// Theme names as the catalog writes them (Chinese) → English. Unknown themes are shown as-is.
const THEMES_EN = { 水: 'Water', 土: 'Soil', 企业: 'Enterprises', 行政区划: 'Boundaries' };

// Planned uses of the plot-restrictions process; an unknown use is shown as its raw value.
const PLANNED_USES = {
  residential: { zh: '住宅', en: 'Residential' },
  public_service: { zh: '公共管理与公共服务', en: 'Public administration and services' },
  school: { zh: '学校', en: 'School' },
  elderly_care: { zh: '养老', en: 'Elderly care' },
  industrial: { zh: '工业', en: 'Industrial' },
  commercial: { zh: '商业', en: 'Commercial' },
  agricultural: { zh: '农业', en: 'Agricultural' },
  green: { zh: '绿地', en: 'Green space' },
  tailings_pond: { zh: '尾矿库', en: 'Tailings pond' },
};

// Roles of access.roles (onemap.yaml); a role the page does not know is shown as its name.
const ROLES = {
  public: { zh: '公众', en: 'Public' },
  planner: { zh: '规划人员', en: 'Planner' },
  land_bureau: { zh: '自然资源部门', en: 'Land bureau' },
  field: { zh: '外业人员', en: 'Field team' },
  admin: { zh: '管理员', en: 'Administrator' },
};

export const LANGS = ['zh', 'en'];
let current = 'zh';
const listeners = new Set();

export function normaliseLang(value) {
  return LANGS.includes(value) ? value : 'zh';
}

export function getLang() {
  return current;
}

export function setLang(lang) {
  const next = normaliseLang(lang);
  if (next === current) return;
  current = next;
  for (const fn of listeners) fn(current);
}

// fn(lang) runs after every change of language.
export function onLangChange(fn) {
  listeners.add(fn);
}

// t('plot.township', {name: '克井镇'}) → '所在镇/街道：克井镇'. A missing key shows itself.
export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// theme: the catalog's name; declared: the style's onemap:themes ({name, title_en}).
export function themeLabel(theme, declared = []) {
  if (!theme) return t('layers.other');
  if (current !== 'en') return theme;
  return declared.find((d) => d.name === theme)?.title_en ?? THEMES_EN[theme] ?? theme;
}

export function plannedUseLabel(use) {
  return PLANNED_USES[use]?.[current] ?? use;
}

export function roleLabel(role) {
  return ROLES[role]?.[current] ?? role ?? '';
}

export function formatDateTime(date) {
  return date.toLocaleString(current === 'en' ? 'en' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}

export function severityLabel(severity) {
  return STRINGS[current][`severity.${severity}`] ?? severity ?? '';
}

export function relationLabel(relation) {
  return STRINGS[current][`relation.${relation}`] ?? relation ?? '';
}

const numberFormat = (digits) =>
  new Intl.NumberFormat(current === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: digits });

export function formatDistance(metres) {
  if (metres === null || metres === undefined) return '';
  if (metres >= 1000) return t('unit.km', { v: numberFormat(2).format(metres / 1000) });
  return t('unit.m', { v: numberFormat(metres < 10 ? 1 : 0).format(metres) });
}

export function formatArea(m2) {
  if (m2 === null || m2 === undefined) return '';
  if (m2 >= 10000) return t('unit.ha', { v: numberFormat(2).format(m2 / 10000) });
  return t('unit.m2', { v: numberFormat(0).format(m2) });
}

// Fills every element marked data-i18n="key" (text) and data-i18n-attr="attr:key;attr:key".
export function translateDom(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  document.title = t('app.title');
}
