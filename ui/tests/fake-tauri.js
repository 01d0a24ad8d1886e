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

  let nextCallback = 1;
  window.__TAURI_INTERNALS__ = {
    invoke: async (cmd, args = {}) => {
      calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) });
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
