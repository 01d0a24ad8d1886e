// A stand-in for the Tauri IPC, injected into the page before the app bundle loads.
// It implements the commands of the library screen over a small in-memory library and records
// every call in window.__ipcCalls. Options may be set beforehand in window.__FAKE_OPTIONS__.
(() => {
  const options = window.__FAKE_OPTIONS__ || {};
  const calls = [];
  window.__ipcCalls = calls;

  const now = '2026-11-28T09:30:00Z';
  const topics = [
    { id: 'physical', kind: 'security', name: { zh: '物理基础设施安全', en: 'Physical infrastructure' } },
    { id: 'data.destruction', kind: 'security', name: { zh: '数据销毁安全', en: 'Data destruction' } },
    { id: 'pi.return_deletion', kind: 'pi', name: { zh: '个人信息的返还与删除', en: 'Return and deletion of PI' } },
    { id: 'sla', kind: 'risk', name: { zh: '服务水平', en: 'Service levels' } },
    { id: 'general.confidentiality', kind: 'general', name: { zh: '保密', en: 'Confidentiality' } },
  ].map((t) => ({
    defaults: null, provider_part: null, customer_part: null, note: null, basis: null,
    provider_form: null, customer_position: null, cues: { zh: [], en: [] }, ...t,
  }));
  const variables = [
    { name: 'provider', kind: 'text', label: { zh: '服务商的简称（定义用语）', en: "Provider's defined term" }, default: { zh: '服务商', en: 'Provider' } },
    { name: 'customer', kind: 'text', label: { zh: '客户的简称（定义用语）', en: "Customer's defined term" }, default: { zh: '客户', en: 'Customer' } },
    { name: 'notice_days', kind: 'number', label: { zh: '提前通知天数', en: 'Notice period (days)' }, default: { zh: '30', en: '30' } },
  ];

  const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const clauses = new Map();
  function add(c) {
    const placeholders = [];
    for (const m of (c.title.zh + c.body.zh + c.title.en + c.body.en).matchAll(/\{\{([a-z0-9_]+)\}\}/g)) {
      if (!placeholders.includes(m[1])) placeholders.push(m[1]);
    }
    clauses.set(c.id, {
      version: 1, origin: 'seeded', template_version: 1, template_update_available: null,
      updated_at: now, side: 'customer', basis: [], ...c, placeholders,
    });
  }
  add({
    id: 'data.destruction.preferred', topics: ['data.destruction', 'pi.return_deletion'], models: ['iaas', 'paas', 'saas'],
    position: 'preferred', version: 2, origin: 'seeded_edited', template_update_available: 3,
    basis: [{ zh: '《个人信息保护法》第二十一条第二款', en: 'PIPL Art. 21(2)' }],
    title: { zh: '数据删除与销毁', en: 'Deletion and Destruction of Data' },
    body: {
      zh: '{{provider}}应当在本协议终止后{{notice_days}}日内删除{{customer}}的全部数据（含备份𝌆副本），并出具销毁证明。\n（一）删除应当不可恢复；\n（二）销毁证明应当载明数据范围。',
      en: '{{provider}} shall, within {{notice_days}} days after termination, delete all data of {{customer}} (including backups) and deliver a certificate of destruction.\n(a) Deletion shall be irreversible;\n(b) the certificate shall state the scope of the data.',
    },
    guidance: {
      zh: '客户方的开局立场。服务商通常要求以其标准流程为准；可退让至 data.destruction.fallback。',
      en: "The customer's opening position. Providers ask to follow their standard process; fall back to data.destruction.fallback.",
    },
  });
  add({
    id: 'data.destruction.fallback', topics: ['data.destruction'], models: ['iaas', 'saas'], position: 'fallback',
    title: { zh: '数据删除（退让）', en: 'Deletion of Data (fallback)' },
    body: { zh: '{{provider}}应当按照其公开的数据删除政策删除客户数据。', en: '{{provider}} shall delete customer data under its published deletion policy.' },
    guidance: { zh: '仅在对方坚持时使用。', en: 'Use only if the provider insists.' },
  });
  add({
    id: 'sla.provider_form', topics: ['sla'], models: ['saas'], position: 'provider_form', side: 'provider',
    title: { zh: '服务水平（服务商格式文本）', en: 'Service Levels (provider form)' },
    body: { zh: '服务抵扣是客户唯一且排他的救济。', en: 'Service credits are the sole and exclusive remedy.' },
    guidance: { zh: '识别此类写法并要求修改。', en: 'Recognise this wording and push back.' },
  });
  add({
    id: 'user.hostile', topics: ['general.confidentiality'], models: ['paas'], position: 'preferred', origin: 'user',
    template_version: null,
    title: { zh: '保密 <b>加粗</b>', en: 'Confidentiality <b>bold</b>' },
    body: { zh: '{{provider}}的保密义务 ' + HOSTILE + ' 结束。', en: 'Confidential ' + HOSTILE + ' {{provider}} end.' },
    guidance: { zh: '含有标记的文本必须原样显示。', en: 'Markup must show as text.' },
  });

  // A whole library may be passed in instead (used to look at the screen with the real templates).
  if (options.library) {
    topics.splice(0, topics.length, ...options.library.topics);
    variables.splice(0, variables.length, ...options.library.variables);
    clauses.clear();
    for (const c of options.library.clauses) add(c);
  }

  const summary = (c) => ({ id: c.id, topics: c.topics, models: c.models, position: c.position, side: c.side, title: c.title, version: c.version, origin: c.origin });
  const matches = (c, f) => (!f.topic || c.topics.includes(f.topic)) && (!f.model || c.models.includes(f.model)) && (!f.position || c.position === f.position);
  const stats = () => {
    const all = [...clauses.values()];
    return {
      clauses: all.length, seeded: all.filter((c) => c.origin === 'seeded').length,
      edited: all.filter((c) => c.origin === 'seeded_edited').length, user: all.filter((c) => c.origin === 'user').length,
      updates_available: all.filter((c) => c.template_update_available !== null).length,
    };
  };
  let settings = { ui_lang: options.ui_lang || 'zh-CN', bilingual_view: options.bilingual_view || 'side_by_side', author: '' };

  // Search: case-insensitive substring; spans are counted in Unicode scalar values like the Rust side.
  function snippetsOf(c, query, lang) {
    const q = Array.from(query.toLowerCase());
    const out = [];
    for (const l of lang ? [lang] : ['zh', 'en']) {
      for (const field of ['title', 'body', 'guidance']) {
        const chars = Array.from(c[field][l]);
        const lower = chars.map((ch) => ch.toLowerCase());
        const highlights = [];
        for (let i = 0; i + q.length <= lower.length; i++) {
          if (q.every((ch, k) => lower[i + k] === ch)) { highlights.push({ start: i, end: i + q.length }); i += q.length - 1; }
        }
        if (highlights.length) out.push({ lang: l, field, text: chars.join(''), highlights });
      }
    }
    return out;
  }

  const reject = (kind, data) => Promise.reject(data === undefined ? { kind } : { kind, data });
  function validate(content) {
    const problems = [];
    for (const f of ['title', 'body', 'guidance']) {
      for (const l of ['zh', 'en']) if (!content[f][l].trim()) problems.push(`${f}.${l}: must not be empty / 不能为空`);
    }
    if (!content.topics.length) problems.push('topics: at least one topic / 至少一个主题');
    if (!/^[a-z0-9._-]+$/.test(content.id)) problems.push(`id: "${content.id}" is not a valid id`);
    return problems;
  }

  const handlers = {
    app_info: () => ({
      version: '0.1.0', database: '/home/lawyer/.local/share/cloudclause/library.sqlite3', schema_version: 1,
      stats: stats(), seed: { ran: false, added: 0, updated: 0, kept_user_edits: 0, problems: [] }, settings,
    }),
    reference_model: () => ({ version: 1, topics }),
    variables: () => variables,
    contract_templates: () => [],
    library_list: ({ filter }) => [...clauses.values()].filter((c) => matches(c, filter)).map(summary),
    library_search: ({ query, filter, limit }) => {
      if (!query.trim()) return reject('empty_query');
      return [...clauses.values()].filter((c) => matches(c, filter))
        .map((c) => ({ clause: summary(c), snippets: snippetsOf(c, query.trim(), filter.lang) }))
        .filter((h) => h.snippets.length)
        .map((h) => ({ ...h, score: h.snippets.length }))
        .slice(0, limit);
    },
    library_get: ({ id }) => clauses.get(id) || reject('clause_not_found', { id }),
    library_versions: ({ id }) => {
      const c = clauses.get(id);
      if (!c) return reject('clause_not_found', { id });
      const { version, origin, template_version, template_update_available, placeholders, updated_at, ...content } = c;
      return Array.from({ length: version }, (_, i) => ({ clause_id: id, version: i + 1, source: i === 0 ? 'seed' : 'user_edit', created_at: now, content }));
    },
    library_create: ({ content }) => {
      const problems = validate(content);
      if (problems.length) return reject('invalid_clause', { problems });
      if (clauses.has(content.id)) return reject('clause_exists', { id: content.id });
      add({ ...content, origin: 'user', template_version: null });
      return clauses.get(content.id);
    },
    library_update: ({ content }) => {
      const old = clauses.get(content.id);
      if (!old) return reject('clause_not_found', { id: content.id });
      const problems = validate(content);
      if (problems.length) return reject('invalid_clause', { problems });
      add({ ...old, ...content, version: old.version + 1, origin: old.origin === 'seeded' ? 'seeded_edited' : old.origin });
      return clauses.get(content.id);
    },
    library_duplicate: ({ id }) => {
      const c = clauses.get(id);
      if (!c) return reject('clause_not_found', { id });
      let n = 2;
      while (clauses.has(`${id}-${n}`)) n++;
      add({ ...c, id: `${id}-${n}`, version: 1, origin: 'user', template_version: null, template_update_available: null });
      return clauses.get(`${id}-${n}`);
    },
    library_delete: ({ id }) => (clauses.delete(id) ? null : reject('clause_not_found', { id })),
    library_adopt_template: ({ id }) => {
      const c = clauses.get(id);
      if (!c) return reject('clause_not_found', { id });
      add({ ...c, version: c.version + 1, origin: 'seeded', template_version: c.template_update_available, template_update_available: null });
      return clauses.get(id);
    },
    library_export_pack: () => '/home/lawyer/Documents/library.cloudclause.json',
    library_import_pack: () => reject('invalid_pack', { reason: 'unknown format "zip"' }),
    settings_set: ({ settings: s }) => { settings = { ...s }; return settings; },
  };

  // ---------- review screen: a small hand-made analysis, consistent with bindings.ts ----------
  const SAMPLE_TEXT = [
    '云计算服务协议',
    '',
    '甲方（服务商）：北京云峰科技有限公司',
    '乙方（客户）：上海明远律师事务所',
    '',
    '第一条 定义',
    '1.1 “客户数据”指乙方上传至服务的全部数据（含附件𝌆编号），客户数据归乙方所有。',
    '',
    '第二条 安全责任',
    '2.1 甲方负责机房物理安全、网络控制安全和虚拟化平台的安全。',
    '2.2 乙方负责其账号口令的保管及访问权限的分配；甲方负责身份认证系统的安全。',
    '2.3 数据迁移由双方共同负责。',
    '2.4 甲方将尽合理努力保障数据存储安全。',
    '',
    '第三条 数据销毁',
    '3.1 合同终止后，甲方将按其内部流程处理客户数据。',
    '',
    '第四条 免责与变更',
    '4.1 对于因应用漏洞导致的数据泄露，甲方不承担任何责任。',
    '4.2 甲方可随时修改本协议。备注：<img src=x onerror="window.__xss=1"> 仅为文本。',
    '',
    '第五条 个人信息',
    '5.1 甲方作为受托人，仅按乙方指示处理个人信息。',
    '',
    '第六条 服务水平',
    '6.1 服务抵扣是乙方唯一且排他的救济。',
  ].join('\n');

  const cp = (s) => Array.from(s);
  function clausesOf(text) {
    const out = [];
    let pos = 0;
    let parent = null;
    for (const line of text.split('\n')) {
      const len = cp(line).length;
      const heading = line.match(/^(第[一二三四五六七八九十]+条)\s*(.*)$/);
      const para = line.match(/^(\d+\.\d+)\s/);
      if (heading) {
        parent = out.length;
        out.push({ number: heading[1], heading: heading[2] || null, level: 0, kind: 'heading', start: pos, end: pos + len, parent: null });
      } else if (para) {
        out.push({ number: para[1], heading: null, level: 1, kind: 'paragraph', start: pos, end: pos + len, parent });
      }
      pos += len + 1;
    }
    return out;
  }
  // The text is searched as it is (no code-point copy of the whole text per finding: this stands in
  // for the engine's analysis, which runs off the page's thread, and must not make typing wait).
  function evidenceOf(text, clauses, quotes) {
    const out = [];
    for (const quote of quotes) {
      const at = text.indexOf(quote);
      if (at < 0) continue;
      const start = cp(text.slice(0, at)).length;
      const end = start + cp(quote).length;
      const clause = clauses.filter((c) => c.start <= start && end <= c.end).sort((a, b) => b.level - a.level)[0];
      out.push({ clause: clause ? clause.number : '', start, end, quote });
    }
    return out;
  }
  const SECURITY = [
    ['physical', '物理基础设施安全', 'Physical infrastructure', { iaas: 'P', paas: 'P', saas: 'P' }, 'provider', null, null, ['甲方负责机房物理安全']],
    ['resource_abstraction', '资源抽象和管理安全', 'Resource abstraction and management', { iaas: 'P', paas: 'P', saas: 'P' }, 'provider', null, null, ['虚拟化平台的安全']],
    ['os', '操作系统安全', 'Operating systems', { iaas: 'C', paas: 'P', saas: 'P' }, 'absent', null, 'missing', []],
    ['network', '网络控制安全', 'Network controls', { iaas: 'S', paas: 'P', saas: 'P' }, 'provider', null, null, ['网络控制安全']],
    ['application', '应用安全', 'Applications', { iaas: 'C', paas: 'S', saas: 'P' }, 'disclaimed', null, 'disclaimed', ['对于因应用漏洞导致的数据泄露，甲方不承担任何责任']],
    ['data.storage', '数据存储安全', 'Data storage', { iaas: 'C', paas: 'S', saas: 'P' }, 'provider', null, 'hedged', ['甲方将尽合理努力保障数据存储安全']],
    ['data.transmission', '数据传输安全', 'Data transmission', { iaas: 'S', paas: 'S', saas: 'P' }, 'absent', null, 'missing', []],
    ['data.access', '数据访问安全', 'Data access', { iaas: 'C', paas: 'S', saas: 'P' }, 'customer', null, 'inverted', ['访问权限的分配']],
    ['data.migration', '数据迁移安全', 'Data migration', { iaas: 'S', paas: 'S', saas: 'S' }, 'shared', false, 'one_sided', ['数据迁移由双方共同负责']],
    ['data.destruction', '数据销毁安全', 'Data destruction', { iaas: 'S', paas: 'P', saas: 'P' }, 'provider', null, 'hedged', ['甲方将按其内部流程处理客户数据']],
    ['data.management', '数据安全管理', 'Data security management', { iaas: 'C', paas: 'C', saas: 'C' }, 'customer', null, null, ['乙方负责其账号口令的保管']],
    ['data.audit', '安全审查和取证', 'Security review and forensics', { iaas: 'S', paas: 'S', saas: 'P' }, 'absent', null, 'missing', []],
    ['data.privacy', '个人隐私信息安全', 'Personal privacy information', { iaas: 'C', paas: 'S', saas: 'P' }, 'provider', null, null, ['甲方作为受托人', '仅按乙方指示处理个人信息']],
    ['iam', '身份识别和访问管理安全', 'Identity and access management', { iaas: 'S', paas: 'S', saas: 'S' }, 'shared', true, null, ['乙方负责其账号口令的保管及访问权限的分配', '甲方负责身份认证系统的安全']],
  ];
  const PI = [
    ['pi.roles', '角色界定（处理者/受托人）', 'Roles (handler / entrusted party)', ['甲方作为受托人']],
    ['pi.purpose_scope', '处理目的、期限、方式和种类', 'Purpose, period, method and types', null],
    ['pi.instructions', '按约定/指示处理', 'Processing on instructions', ['仅按乙方指示处理个人信息']],
    ['pi.security_measures', '保护措施', 'Protection measures', null],
    ['pi.confidentiality', '人员保密义务', 'Staff confidentiality', null],
    ['pi.subprocessing', '转委托（再处理）', 'Sub-entrustment', null],
    ['pi.return_deletion', '返还或删除', 'Return or deletion', null],
    ['pi.supervision_audit', '监督与审计', 'Supervision and audit', null],
    ['pi.data_subject_rights', '协助响应个人权利请求', "Assisting with data subjects' requests", null],
    ['pi.breach_notification', '安全事件通知', 'Security incident notification', null],
    ['pi.cross_border', '存储地点与跨境提供', 'Storage location and cross-border transfer', null],
  ];
  const RISKS = [
    ['sla', '服务水平（SLA）', 'Service levels (SLA)', true, ['服务抵扣是乙方唯一且排他的救济']],
    ['liability_cap', '责任限制', 'Limitation of liability', null, null],
    ['data_ownership', '数据权属与使用', 'Data ownership and use', false, ['客户数据归乙方所有']],
    ['data_location', '数据存储地点', 'Data location', null, null],
    ['exit', '退出与数据返还', 'Exit and return of data', null, null],
    ['unilateral_change', '单方变更', 'Unilateral changes', true, ['甲方可随时修改本协议。备注：<img src=x onerror="window.__xss=1"> 仅为文本']],
    ['suspension', '服务暂停', 'Suspension', null, null],
    ['incident_notice', '安全事件通知', 'Incident notification', null, null],
    ['audit_rights', '审计权', 'Audit rights', null, null],
    ['subcontracting', '分包', 'Subcontracting', null, null],
    ['backup', '备份', 'Backup', null, null],
    ['governing_law', '法律适用与争议解决', 'Governing law and disputes', null, null],
  ];
  const GAP_SEVERITY = { missing: 'medium', inverted: 'high', one_sided: 'medium', disclaimed: 'high', hedged: 'low' };
  const SUGGESTED = { 'data.destruction': ['data.destruction.preferred', 'data.destruction.fallback'], 'pi.return_deletion': ['data.destruction.preferred'], sla: ['sla.provider_form'] };

  function analysis(name, text, model, perspective) {
    const clauses = clausesOf(text);
    const m = model || 'saas';
    const security = SECURITY.map(([id, zh, en, defaults, allocation, split, gap, quotes]) => {
      const evidence = evidenceOf(text, clauses, quotes);
      const found = quotes.length && !evidence.length ? 'absent' : allocation;
      const g = found === 'absent' ? 'missing' : gap;
      return {
        id, name: { zh, en }, allocation: found, split_specified: found === 'shared' ? split : null, expected: defaults[m],
        expected_source: m === 'iaas' ? 'YD/T 4060-2022' : 'derived', gap: g, hedged: g === 'hedged', severity: g ? GAP_SEVERITY[g] : null,
        evidence,
        explanation: {
          zh: `${zh}：合同的约定为“${found}”，${m.toUpperCase()} 模式下默认由${defaults[m]}承担。${g ? '存在缺口：' + g + '。' : '与模型一致，无缺口。'}`,
          en: `${en}: the contract says "${found}"; for ${m.toUpperCase()} the default is ${defaults[m]}. ${g ? 'Gap: ' + g + '.' : 'This matches the model; no gap.'}`,
        },
        suggested_clauses: SUGGESTED[id] || [],
      };
    });
    const pi = PI.map(([id, zh, en, quotes]) => {
      const evidence = quotes ? evidenceOf(text, clauses, quotes) : [];
      const present = evidence.length > 0;
      return {
        id, name: { zh, en }, present, severity: present ? null : 'high', evidence,
        explanation: { zh: `${zh}：${present ? '合同已约定。' : '合同未约定此项。'}`, en: `${en}: ${present ? 'present.' : 'missing from the contract.'}` },
        suggested_clauses: SUGGESTED[id] || [],
      };
    });
    const risks = RISKS.map(([id, zh, en, unfavourable, quotes]) => {
      const evidence = quotes ? evidenceOf(text, clauses, quotes) : [];
      const present = evidence.length > 0;
      return {
        id, name: { zh, en }, present, customer_unfavourable: present ? unfavourable : null,
        severity: !present ? 'medium' : unfavourable ? 'high' : null, evidence,
        explanation: { zh: `${zh}：${present ? (unfavourable ? '条款对客户不利。' : '条款可以接受。') : '合同未约定。'}`, en: `${en}: ${present ? (unfavourable ? 'unfavourable to the customer.' : 'acceptable.') : 'not addressed.'}` },
        suggested_clauses: SUGGESTED[id] || [],
      };
    });
    return {
      name,
      document: { format: /\.docx$/i.test(name) ? 'docx' : /\.(md|markdown)$/i.test(name) ? 'markdown' : 'text', title: text.split('\n')[0] || null, text, clauses },
      report: {
        deployment_model: m, deployment_model_source: model ? 'given' : 'detected',
        model_scores: [['iaas', 1], ['paas', 2], ['saas', 7]], perspective, language: 'zh',
        parties: { provider: ['北京云峰科技有限公司', '甲方'], customer: ['上海明远律师事务所', '乙方'] },
        clause_count: clauses.length, security, pi, pi_applicable: true, risks,
        warnings: [{ zh: '合同中未找到附件所述的责任分工表，矩阵依据正文条款得出。', en: 'The responsibility table the contract refers to was not found; the matrix rests on the body clauses.' }],
      },
    };
  }
  const exported = [];
  window.__exportedPng = exported;
  const sample = () => options.sampleResult ? JSON.parse(JSON.stringify(options.sampleResult)) : null;
  Object.assign(handlers, {
    analyze_sample: ({ model, perspective }) => {
      const real = sample();
      if (real) return { ...real, report: { ...real.report, perspective } };
      return analysis('sample-saas-contract-zh.md', SAMPLE_TEXT, model, perspective);
    },
    analyze_pick: ({ model, perspective }) => (options.pick ? analysis(options.pick.name, options.pick.text, model, perspective) : null),
    analyze_again: ({ model, perspective }) => analysis(options.pick.name, options.pick.text, model, perspective),
    analyze_bytes: async ({ name, bytes, model, perspective }) => {
      if (options.analysisDelayMs) await new Promise((r) => setTimeout(r, options.analysisDelayMs));
      if (bytes.length > 50 * 1024 * 1024) return reject('document_too_large', { name, size_mb: Math.ceil(bytes.length / 1048576), limit_mb: 50 });
      const text = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes));
      if (!text.trim()) return reject('invalid_document', { name, reason: 'the document has no text' });
      return analysis(name, text, model, perspective);
    },
    export_png: ({ suggestedName, bytes }) => {
      exported.push({ suggestedName, length: bytes.length, head: bytes.slice(0, 8) });
      return `/home/lawyer/Documents/${suggestedName}`;
    },
  });

  // ---------- drafting screen: drafts in memory, a fake template, a fake analysis of the draft ----------
  const ZH_DIGITS = '零一二三四五六七八九';
  const zhNum = (n) => (n < 10 ? ZH_DIGITS[n] : n < 20 ? '十' + (n % 10 ? ZH_DIGITS[n % 10] : '') : ZH_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? ZH_DIGITS[n % 10] : ''));
  const fill = (text, lang, values) => text.replace(/\{\{([a-z0-9_]+)\}\}/g, (whole, name) => {
    if (values[name]) return values[name];
    const v = variables.find((x) => x.name === name);
    return v ? v.default[lang] : whole;
  });
  const para = (text) => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' });
  const clauseBlock = (level, text) => ({ type: 'clause', attrs: { level, number: null }, content: text ? [{ type: 'text', text }] : undefined });
  const SAAS = {
    id: 'saas-subscription-agreement', version: 1, model: 'saas', kind: 'contract',
    title: { zh: 'SaaS 订阅协议', en: 'SaaS Subscription Agreement' },
    preamble: { zh: '甲方（客户）：{{customer_name}}\n乙方（服务商）：{{provider_name}}', en: 'Customer: {{customer_name}}\nProvider: {{provider_name}}' },
    sections: [
      { title: { zh: '安全责任', en: 'Security' }, clauses: ['data.destruction.preferred'] },
      { title: { zh: '服务水平', en: 'Service levels' }, clauses: ['sla.provider_form'] },
    ],
    signature: { zh: '甲方（盖章）：\n乙方（盖章）：', en: 'Customer (seal):\nProvider (seal):' },
  };
  if (!variables.some((v) => v.name === 'customer_name')) {
    variables.push({ name: 'customer_name', kind: 'text', label: { zh: '客户名称', en: 'Customer name' }, default: { zh: '【客户名称】', en: '[Customer name]' } });
    variables.push({ name: 'provider_name', kind: 'text', label: { zh: '服务商名称', en: 'Provider name' }, default: { zh: '【服务商名称】', en: '[Provider name]' } });
  }
  function clauseBlocks(c, lang, values) {
    const lines = c.body[lang].split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.map((line, k) => {
      const text = fill(line, lang, values);
      const item = text.match(/^(?:（[一二三四五六七八九十]+）|\([a-z]\))\s*(.*)$/);
      return k === 0 ? clauseBlock(2, text) : item ? clauseBlock(3, item[1]) : para(text);
    });
  }
  const drafts = new Map();
  let nextDraft = 1;
  let clock = 0;
  const stamp = () => `2026-11-28T10:${String(Math.floor(clock / 60) % 60).padStart(2, '0')}:${String(clock++ % 60).padStart(2, '0')}.000Z`;
  function insertDraft(meta, doc, source) {
    const id = nextDraft++;
    const d = { id, meta, doc, source, revision: 1, created_at: stamp(), updated_at: stamp(), versions: [] };
    d.versions.push({ number: 1, kind: 'created', name: null, created_at: stamp(), meta, doc });
    drafts.set(id, d);
    return d;
  }
  const publicDraft = (d) => ({ id: d.id, meta: d.meta, doc: d.doc, source: d.source, revision: d.revision, created_at: d.created_at, updated_at: d.updated_at });
  const versionOf = (v) => ({ number: v.number, kind: v.kind, name: v.name, created_at: v.created_at, title: v.meta.title });
  for (const d of options.drafts || []) insertDraft(d.meta, d.doc, d.source || 'import:test.md');
  const getDraft = (id) => drafts.get(id) || null;
  window.__drafts = drafts;

  /** A simplified render::to_document: one line per text block, clauses prefixed with their numbers. */
  function renderDraft(doc, lang) {
    const lines = [];
    const segments = [];
    const counts = [0, 0, 0, 0];
    let pos = 0;
    // Text under a tracked deletion is not read (as render.rs).
    const textOf = (b) => (b.content || []).map((i) => (i.type !== 'text' ? ' ' : (i.marks || []).some((m) => m.type === 'deletion') ? '' : i.text)).join('').replace(/[\n\r]/g, ' ');
    doc.content.forEach((b, i) => {
      let prefix = '';
      if (b.type === 'clause') {
        const l = Math.min(4, Math.max(1, b.attrs.level)) - 1;
        counts[l]++;
        for (let k = l + 1; k < 4; k++) counts[k] = 0;
        const n = counts[l];
        const auto = l === 0 ? (lang === 'zh' ? `第${zhNum(n)}条` : `${n}.`) : l === 1 ? `${counts[0]}.${n}` : lang === 'zh' ? `（${zhNum(n)}）` : `(${String.fromCharCode(96 + n)})`;
        prefix = `${b.attrs.number ?? auto} `;
      }
      if (!['heading', 'paragraph', 'clause'].includes(b.type)) return;
      const text = textOf(b);
      if (!text.trim() && !prefix) return;
      if (lines.length) { lines.push(''); pos += 1; }
      segments.push({ path: [i], start: pos + cp(prefix).length, len: cp(text).length });
      lines.push(prefix + text);
      pos += cp(prefix + text).length + 1;
    });
    return { text: lines.join('\n'), segments };
  }

  Object.assign(handlers, {
    contract_templates: () => [SAAS],
    draft_list: () => [...drafts.values()].sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id)
      .map((d) => ({ id: d.id, meta: d.meta, source: d.source, revision: d.revision, created_at: d.created_at, updated_at: d.updated_at, versions: d.versions.length })),
    draft_get: ({ id }) => (getDraft(id) ? publicDraft(getDraft(id)) : reject('draft_not_found', { id })),
    draft_new_from_template: ({ request }) => {
      const { lang, variables: values } = request;
      const content = [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: SAAS.title[lang] }] }];
      for (const line of SAAS.preamble[lang].split('\n')) content.push(para(fill(line, lang, values)));
      for (const section of SAAS.sections) {
        content.push(clauseBlock(1, section.title[lang]));
        for (const id of section.clauses) content.push(...clauseBlocks(clauses.get(id), lang, values));
      }
      for (const line of SAAS.signature[lang].split('\n')) content.push(para(line));
      const meta = { title: SAAS.title[lang], lang, model: 'saas', matter: request.matter, counterpart: request.counterpart, variables: values };
      return { draft: publicDraft(insertDraft(meta, { type: 'doc', content }, `template:${SAAS.id}`)), missing_clauses: [] };
    },
    draft_new_blank: ({ meta }) => publicDraft(insertDraft(meta, { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: meta.title }] }] }, 'blank')),
    draft_import_pick: () => (options.importDraft ? publicDraft(insertDraft(options.importDraft.meta, options.importDraft.doc, 'import:picked.md')) : null),
    draft_save: async ({ id, doc, meta }) => {
      if (options.saveDelayMs) await new Promise((r) => setTimeout(r, options.saveDelayMs));
      const d = getDraft(id);
      if (!d) return reject('draft_not_found', { id });
      d.doc = doc;
      d.meta = meta;
      d.revision += 1;
      d.updated_at = stamp();
      return { revision: d.revision, updated_at: d.updated_at, snapshot: null };
    },
    draft_name_version: ({ id, name }) => {
      const d = getDraft(id);
      if (!d) return reject('draft_not_found', { id });
      const v = { number: d.versions.length + 1, kind: 'named', name, created_at: stamp(), meta: d.meta, doc: d.doc };
      d.versions.push(v);
      return versionOf(v);
    },
    draft_versions: ({ id }) => (getDraft(id) ? getDraft(id).versions.map(versionOf) : reject('draft_not_found', { id })),
    draft_version: ({ id, number }) => {
      const v = getDraft(id)?.versions.find((x) => x.number === number);
      return v ? { version: versionOf(v), meta: v.meta, doc: v.doc } : reject('version_not_found', { id, version: number });
    },
    draft_restore: ({ id, number }) => {
      const d = getDraft(id);
      const v = d?.versions.find((x) => x.number === number);
      if (!v) return reject('version_not_found', { id, version: number });
      d.versions.push({ number: d.versions.length + 1, kind: 'before_restore', name: `v${number}`, created_at: stamp(), meta: d.meta, doc: d.doc });
      d.doc = v.doc;
      d.meta = v.meta;
      d.revision += 1;
      return publicDraft(d);
    },
    draft_delete: ({ id }) => (drafts.delete(id) ? null : reject('draft_not_found', { id })),
    draft_clause_blocks: ({ id, lang, variables: values }) => {
      const c = clauses.get(id);
      return c ? clauseBlocks(c, lang, values) : reject('clause_not_found', { id });
    },
    draft_analyze: async ({ doc, lang, model, perspective }) => {
      if (options.analysisDelayMs) await new Promise((r) => setTimeout(r, options.analysisDelayMs));
      const { text, segments } = renderDraft(doc, lang);
      const { report } = analysis('draft', text, model, perspective);
      return { report, segments };
    },
  });

  // ---------- redlines: a small aligner over the fake library (one model line per draft clause) ----------
  // Tokens: CJK characters one by one, English words, anything else one char; ops as redline.rs
  // gives them (model = old side: delete; draft = new side: insert; equal shows the draft).
  const tokens = (s) => s.match(/[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+|\s+|[^\sA-Za-z0-9\u3400-\u9fff\uf900-\ufaff]/gu) || [];
  function redlineOps(oldText, newText) {
    const a = tokens(oldText);
    const b = tokens(newText);
    const n = a.length;
    const m = b.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const ops = [];
    const push = (op, text) => {
      const last = ops[ops.length - 1];
      if (last && last.op === op) last.text += text;
      else ops.push({ op, text });
    };
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { push('equal', b[j]); i++; j++; }
      else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { push('delete', a[i]); i++; }
      else { push('insert', b[j]); j++; }
    }
    // Deletions before insertions inside a change (as the engine orders them).
    for (let k = 0; k + 1 < ops.length; k++) {
      if (ops[k].op === 'insert' && ops[k + 1].op === 'delete') [ops[k], ops[k + 1]] = [ops[k + 1], ops[k]];
    }
    return ops;
  }
  const bigrams = (s) => { const c = cp(s.replace(/\s+/g, '')); const out = new Set(); for (let k = 0; k + 1 < c.length; k++) out.add(c[k] + c[k + 1]); return out; };
  const similarity = (x, y) => {
    const a = bigrams(x);
    const b = bigrams(y);
    if (!a.size || !b.size) return 0;
    let common = 0;
    for (const g of a) if (b.has(g)) common++;
    return Math.round((2 * common / (a.size + b.size)) * 1000) / 1000;
  };
  const NUMBER = /^(第[一二三四五六七八九十]+条|\d+(?:\.\d+)*\.?|（[一二三四五六七八九十]+）|\([a-z]\)) /;
  /** Model lines of the library: each body line (item numbers dropped), placeholders filled with the defaults. */
  const modelLines = (lang) => [...clauses.values()].flatMap((c) => c.body[lang].split('\n').map((l) => l.trim()).filter(Boolean)
    .map((l) => ({ id: c.id, text: fill(l.replace(/^(?:（[一二三四五六七八九十]+）|\([a-z]\))\s*/, ''), lang, {}) })));
  /** The nearest library clauses to a text (best line per clause), best first. */
  function nearest(text, lang, k) {
    const body = text.replace(NUMBER, '');
    const best = new Map();
    for (const l of modelLines(lang)) {
      const sim = similarity(body, l.text);
      if (!best.has(l.id) || best.get(l.id).sim < sim) best.set(l.id, { ...l, sim });
    }
    return [...best.values()].sort((x, y) => y.sim - x.sim || x.id.localeCompare(y.id)).slice(0, k);
  }
  /** A text's ops against a model line: its number is no change (folded away by the engine). */
  function opsAgainst(model, text) {
    const number = (text.match(NUMBER) || [''])[0];
    const ops = redlineOps(model, cp(text).slice(cp(number).length).join(''));
    if (number) {
      if (ops[0] && ops[0].op === 'equal') ops[0].text = number + ops[0].text;
      else ops.unshift({ op: 'equal', text: number });
    }
    return ops;
  }
  function alignDraft(doc, lang) {
    const { text, segments } = renderDraft(doc, lang);
    const chars = cp(text);
    const alignments = [];
    for (const seg of segments) {
      const block = doc.content[seg.path[0]];
      if (block.type !== 'clause') continue;
      const lineStart = chars.lastIndexOf('\n', seg.start - 1) + 1;
      const own = chars.slice(lineStart, seg.start + seg.len).join('').trimEnd();
      const body = chars.slice(seg.start, seg.start + seg.len).join('');
      if (cp(body.trim()).length < 6) continue; // a title ("安全责任") is no unit
      const [best, second] = nearest(own, lang, 2);
      const match = best && best.sim >= (options.alignThreshold ?? 0.2) ? best : null;
      alignments.push({
        clause: chars.slice(lineStart, seg.start).join('').trim(), index: alignments.length,
        start: lineStart, end: seg.start + seg.len, lang, topics: match ? clauses.get(match.id).topics.slice(0, 1) : [],
        model_clause: match ? match.id : null, similarity: best ? best.sim : 0,
        runner_up: (match ? second : best) ? { model_clause: (match ? second : best).id, similarity: (match ? second : best).sim } : null,
        ops: match ? opsAgainst(match.text, own) : [],
      });
    }
    return { alignment: { alignments, missing_topics: [] }, text, segments };
  }
  /** A canned-or-computed comparison of two drafts: clause lines by LCS, neighbours paired as modified. */
  function compareDrafts(a, b, lang) {
    const lines = (doc) => renderDraft(doc, lang).text.split('\n').filter((l) => l.trim()).map((l) => ({ number: (l.match(NUMBER) || ['', ''])[1], body: l.replace(NUMBER, ''), text: l }));
    const x = lines(a);
    const y = lines(b);
    const lcs = Array.from({ length: x.length + 1 }, () => new Uint16Array(y.length + 1));
    for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i].body === y[j].body ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const changes = [];
    const stats = { unchanged: 0, modified: 0, inserted: 0, deleted: 0, moved: 0 };
    const change = (kind, o, nw, ops, sim) => {
      stats[kind === 'moved_away' ? 'moved' : kind] += kind === 'moved_away' ? 0 : 1;
      changes.push({ kind, old_clause: o ? o.number : null, new_clause: nw ? nw.number : null, old_start: null, old_end: null, new_start: null, new_end: null, similarity: sim, moved: null, ops });
    };
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i].body === y[j].body) { change('unchanged', x[i], y[j], [{ op: 'equal', text: y[j].text }], 1); i++; j++; }
      else if (i < x.length && j < y.length && lcs[i + 1][j + 1] === lcs[i][j] && similarity(x[i].body, y[j].body) >= 0.5) {
        change('modified', x[i], y[j], opsAgainst(x[i].body, y[j].text), similarity(x[i].body, y[j].body)); i++; j++;
      } else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) { change('deleted', x[i], null, [{ op: 'delete', text: x[i].text }], 0); i++; }
      else { change('inserted', null, y[j], [{ op: 'insert', text: y[j].text }], 0); j++; }
    }
    return { changes, stats };
  }
  Object.assign(handlers, {
    draft_align: async ({ doc, lang }) => {
      if (options.alignDelayMs) await new Promise((r) => setTimeout(r, options.alignDelayMs));
      return alignDraft(doc, lang);
    },
    redline_candidates: ({ text, lang }) => nearest(text, lang, 5).map((c) => ({
      model_clause: c.id, similarity: c.sim, clause: clauses.get(c.id), ops: opsAgainst(c.text, text.trimEnd()),
    })),
    draft_compare: ({ id, oldVersion, newVersion, current }) => {
      if (options.compare) return options.compare;
      const d = getDraft(id);
      if (!d) return reject('draft_not_found', { id });
      const v = (n) => d.versions.find((x) => x.number === n);
      if (!v(oldVersion) || (newVersion !== null && !v(newVersion))) return reject('version_not_found', { id, version: v(oldVersion) ? newVersion : oldVersion });
      return compareDrafts(v(oldVersion).doc, newVersion === null ? (current || d.doc) : v(newVersion).doc, d.meta.lang);
    },
  });

  // ---------- comments and export (drafting screen) ----------
  const draftComments = new Map(); // draft id -> DraftComment[]
  const exports = [];
  window.__exports = exports;
  window.__draftComments = draftComments;
  const commentsOf = (id) => { if (!draftComments.has(id)) draftComments.set(id, []); return draftComments.get(id); };
  const invalid = (message) => reject('invalid_input', { message });
  /** Adds a mark to code points a..b of a top-level text block (as export::marks::add_mark). */
  function addMark(doc, path, a, b, mark) {
    const block = doc.content[path[0]];
    if (!block || path.length !== 1 || b <= a) return false;
    const out = [];
    let pos = 0;
    let touched = false;
    for (const inline of block.content || []) {
      if (inline.type !== 'text') { pos += 1; out.push(inline); continue; }
      const chars = cp(inline.text);
      const x = Math.min(Math.max(a, pos), pos + chars.length) - pos;
      const y = Math.min(Math.max(b, pos), pos + chars.length) - pos;
      if (x >= y) { out.push(inline); pos += chars.length; continue; }
      touched = true;
      const part = (i, j, marks) => ({ type: 'text', text: chars.slice(i, j).join(''), ...(marks.length ? { marks } : {}) });
      const marks = inline.marks || [];
      if (x > 0) out.push(part(0, x, marks));
      out.push(part(x, y, [...marks, mark]));
      if (y < chars.length) out.push(part(y, chars.length, marks));
      pos += chars.length;
    }
    block.content = out;
    return touched;
  }
  const SEV_RANK = { high: 3, medium: 2, low: 1 };
  function addComments(id, list) {
    const stored = commentsOf(id);
    for (const c of list) {
      if (!c.body.trim()) return invalid('the comment is empty; write something or cancel');
      if (stored.some((x) => x.id === c.id)) return invalid('a comment with this id already exists');
      if (c.parent && !stored.some((x) => x.id === c.parent)) return invalid('the comment being answered no longer exists');
    }
    const added = list.map((c) => ({ id: c.id, parent: c.parent ?? null, author: c.author.trim() || settings.author || 'CloudClause', body: c.body, resolved: false, source: c.source ?? null, created_at: stamp() }));
    stored.push(...added);
    return added;
  }
  Object.assign(handlers, {
    comments_list: ({ id }) => (getDraft(id) ? commentsOf(id) : reject('draft_not_found', { id })),
    comments_add: ({ id, comments }) => (getDraft(id) ? addComments(id, comments) : reject('draft_not_found', { id })),
    comment_set_resolved: ({ id, comment, resolved }) => {
      const hit = commentsOf(id).filter((c) => c.id === comment || c.parent === comment);
      if (!hit.length) return invalid('no such comment; it may have been deleted');
      for (const c of hit) c.resolved = resolved;
      return null;
    },
    comment_edit: ({ id, comment, body }) => {
      const c = commentsOf(id).find((x) => x.id === comment);
      if (!c) return invalid('no such comment; it may have been deleted');
      if (!body.trim()) return invalid('the comment is empty; write something or delete it');
      c.body = body;
      return null;
    },
    comment_delete: ({ id, comment }) => {
      const list = commentsOf(id);
      const keep = list.filter((c) => c.id !== comment && c.parent !== comment);
      if (keep.length === list.length) return invalid('no such comment; it may have been deleted');
      draftComments.set(id, keep);
      return null;
    },
    comments_from_findings: ({ id, doc, lang, model, perspective, only }) => {
      if (!getDraft(id)) return reject('draft_not_found', { id });
      const { text, segments } = renderDraft(doc, lang);
      const { report } = analysis('draft', text, model, perspective);
      const all = [...report.security, ...(report.pi_applicable ? report.pi : []), ...report.risks]
        .filter((r) => r.severity)
        .sort((a, b) => SEV_RANK[b.severity] - SEV_RANK[a.severity]);
      const stored = commentsOf(id);
      const out = JSON.parse(JSON.stringify(doc));
      const fresh = [];
      for (const f of all) {
        const key = `finding:${f.id}`;
        if ((only && f.id !== only) || stored.some((c) => c.source === key || c.id === key)) continue;
        const mark = { type: 'comment', attrs: { id: key } };
        const e = f.evidence[0];
        const seg = e && segments.find((sg) => e.start < sg.start + Math.max(sg.len, 1) && e.end > sg.start);
        const anchored = (seg && addMark(out, seg.path, Math.max(e.start, seg.start) - seg.start, Math.min(e.end, seg.start + seg.len) - seg.start, mark))
          || (segments[0] && addMark(out, segments[0].path, 0, segments[0].len, mark));
        if (!anchored) continue;
        const name = f.name[lang];
        const body = lang === 'zh' ? `【${name}｜风险：${f.severity}】${f.explanation.zh}` : `[${name} | severity: ${f.severity}] ${f.explanation.en}`;
        fresh.push({ id: key, parent: null, author: settings.author, body, source: key });
      }
      return { doc: out, comments: addComments(id, fresh) };
    },
    draft_export: async ({ id, request }) => {
      const d = getDraft(id);
      if (!d) return reject('draft_not_found', { id });
      if (options.exportDelayMs) await new Promise((r) => setTimeout(r, options.exportDelayMs));
      exports.push({ id, request, doc: JSON.parse(JSON.stringify(d.doc)) });
      const ext = request.format;
      const n = request.comments === 'none' ? 0 : commentsOf(id).length;
      if (ext === 'pdf') return { format: ext, path: null, comments: n, printed: true };
      return { format: ext, path: `/home/lawyer/Documents/${d.meta.title}.${ext}`, comments: n, printed: false };
    },
  });

  // `startingMs`: the library opens that long after the page: until then every command answers
  // `starting`, as the app does, and app_ready resolves when it is open.
  const openAt = Date.now() + (options.startingMs || 0);
  let nextCallback = 1;
  window.__TAURI_INTERNALS__ = {
    invoke: async (cmd, args = {}) => {
      calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) });
      if (cmd === 'app_ready') {
        await new Promise((r) => setTimeout(r, Math.max(0, openAt - Date.now())));
        return null;
      }
      if (Date.now() < openAt) throw { kind: 'starting' };
      const handler = handlers[cmd];
      if (!handler) throw { kind: 'invalid_input', data: { message: `fake IPC: unknown command ${cmd}` } };
      const result = await handler(args);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    },
    transformCallback: (callback, once) => {
      const id = nextCallback++;
      window[`_${id}`] = (value) => { if (once) delete window[`_${id}`]; return callback && callback(value); };
      return id;
    },
    unregisterCallback: (id) => { delete window[`_${id}`]; },
    convertFileSrc: (path) => path,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
})();
