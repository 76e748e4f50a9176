## intake messages (ar): قراءة بيان وتحويله إلى مقترحات (المسألة 16).

intake-cli-about = يقرأ بيانًا أو تقريرًا إخباريًا عنه ويقترح ما يتضمنه للسجل (الجولة، الأشخاص، القرارات، الالتزامات) مطابَقًا مع القضية؛ لا يُكتب شيء
intake-cli-arg-file = ملف النص المراد قراءته (UTF-8)، أو - للقراءة من الإدخال القياسي
intake-cli-arg-in = لغة النص (تُكتشف تلقائيًا إن لم تُذكر)
intake-cli-arg-server = القراءة على خادم «تحوّل» (http://…) برمز الواجهة البرمجية من TAHAWUL_TOKEN، بدلًا من قضية محلية
intake-cli-cannot-read = تعذّرت قراءة { $file }: { $detail }
intake-cli-not-utf8 = الملف { $file } ليس نصًا بترميز UTF-8 (بايتات غير صالحة عند البايت { $at })
intake-cli-not-utf8-help = احفظ النص بترميز UTF-8 (مثلًا: iconv -f WINDOWS-1256 -t UTF-8)
intake-error-empty = النص فارغ
intake-error-empty-help = قدّم ملفًا يحوي نص البيان
intake-error-too-large = حجم النص { $bytes } بايت، وأقصى ما تقرؤه الأداة { $limit }
intake-error-too-large-help = اقرأ بيانًا واحدًا في كل مرة
intake-document = الوثيقة: { $language }، { $chars } حرفًا؛ الجهة الناشرة: { $outlet }؛ التاريخ: { $date }
intake-document-known = من الجهة الناشرة نفسها لوثائق السجل: { $ids }
intake-unknown = غير مذكور
intake-lang-ar = العربية
intake-lang-en = الإنجليزية
intake-round = الجولة: { $name } ({ $id })، { $start } – { $end }{ $place }
intake-round-new = جولة ليست في السجل: { $start } – { $end } (عند { $at })
intake-round-none = لم يُتعرّف على جولة أو حدث
intake-people = الأشخاص المذكورون ({ $count })
intake-person = { $name } ({ $id })، { $office } — «{ $quote }» عند { $at }
intake-statements = القرارات والالتزامات ({ $count })
intake-none = لا شيء
intake-kind-commitment = التزام
intake-kind-decision = قرار
intake-restates = { $kind }، يكرر { $ids } (الثقة { $confidence })
intake-new = { $kind }، جديد — ليس في السجل (الثقة { $confidence })
intake-parties = الأطراف: { $parties }
intake-due = الموعد: { $due }
intake-theme = المحور: { $theme }
intake-quote = عند { $at }: «{ $quote }»
intake-also = وأيضًا عند { $at }
intake-differs = يختلف ({ $field }): في السجل { $record }؛ في النص { $text }
intake-flags = تنبيهات ({ $count })
intake-flag-translation-error = خطأ ترجمة
intake-flag-unknown-name = اسم ليس في السجل
intake-flag-conflict = تعارض مع السجل
intake-flag-invalid-date = تاريخ غير موجود
intake-flag = { $kind } عند { $at }: «{ $quote }»
intake-flag-means = المقصود: { $meaning }
intake-proposes-only = مقترحات فقط: لم يُكتب شيء في السجل.
intake-cli-arg-compare = بدلًا من ذلك، قارن الملف بهذا النص الآخر جملةً جملة (لا حاجة إلى قضية)
intake-compare-pairs = جمل في النصين كليهما ({ $count })
intake-compare-similarity = التشابه { $similarity }
intake-compare-first = النص الأول عند { $at }: «{ $quote }»
intake-compare-second = النص الثاني عند { $at }: «{ $quote }»
intake-compare-numbers = أرقام في الأول وحده: { $first }؛ وفي الثاني وحده: { $second }
intake-compare-words = كلمات في الأول وحده: { $first }؛ وفي الثاني وحده: { $second }
intake-compare-only-first = في النص الأول وحده ({ $count })
intake-compare-only-second = في النص الثاني وحده ({ $count })
intake-field-dates = التواريخ
intake-field-due = الموعد
intake-field-numbers = الأرقام
intake-field-parties = الأطراف
intake-field-name = كتابة الاسم
intake-field-wording = الصياغة

## المراجعة ثم القبول (المسألة 16، البند 4).
intake-review-none = سمِّ مقترحًا واحدًا على الأقل
intake-review-no-proposal = لا يوجد مقترح برقم {$index}: لهذا النص {$count} من المقترحات، مرقّمة من 0
intake-review-not-pending = المقترح {$index} في حالة «{$state}» أصلًا؛ لا يُراجَع إلا ما ينتظر المراجعة (قدِّم النص من جديد لمراجعته مرة أخرى)
intake-review-twice = ذُكر المقترح {$index} مرتين في هذا الطلب
intake-review-reason-required = اذكر سبب رفض المقترحات: يُحفظ السبب مع اسم من رفضها
intake-review-id-taken = السجل {$id} موجود أصلًا؛ أعطِ الالتزام الجديد معرّفًا آخر (edits.id)، أو اقبل المقترح على أنه مطابق لذلك السجل
intake-review-no-match = السجل {$id} الذي طوبق معه هذا المقترح لم يعد في السجل
intake-review-nothing-to-accept = لا شيء يُقبل: المقترح لا يعطي سجلًا ولا يكرّر سجلًا قائمًا
intake-review-kind = لا يمكن قبول مقترح من نوع {$kind} هنا بعد: لا يصبح سجلًا من الاستيعاب إلا الالتزامات (تُسجَّل الجولات والقرارات والأشخاص في صفحاتها)
intake-review-no-round = أي جولة تسجّل هذا الالتزام؟ أعطِ edits.round (جولة من القضية)
intake-review-no-party = أي طرف يتعهّد بهذا الالتزام؟ أعطِ edits.parties
intake-review-no-theme = إلى أي موضوع ينتمي هذا الالتزام؟ أعطِ edits.theme
intake-review-no-text = نص الالتزام ناقص باللغة {$lang}: أعطِ edits.text.{$lang}
intake-review-bad-due = تاريخ الاستحقاق {$due} ليس تاريخًا (YYYY-MM أو YYYY-MM-DD)
intake-review-bad-id = {$id} ليس معرّف سجل (أحرف لاتينية صغيرة وأرقام وشرطات)
intake-review-no-document = الوثيقة {$id} ليست في السجل

## صفحات المراجعة (/intake).
pages-intake-title = نصوص للمراجعة
pages-intake-intro = الصق بيانًا مشتركًا أو تقريرًا إخباريًا عنه. يقترح الاستيعاب السجلات التي يتضمنها، ولا يدخل السجلَّ شيءٌ حتى تقبله الأمانة.
pages-intake-text = النص (بالعربية أو الإنجليزية)
pages-intake-lang = اللغة
pages-intake-lang-detect = اكتشاف تلقائي
pages-intake-submit = قدِّم للمراجعة
pages-intake-kept = النصوص المحفوظة للمراجعة
pages-intake-none = لم يُقدَّم أي نص للمراجعة بعد.
pages-intake-submitted-by = قدّمه
pages-intake-at = متى
pages-intake-pending = بانتظار المراجعة
pages-intake-accepted = مقبول
pages-intake-rejected = مرفوض
pages-intake-one-title = النص رقم {$id} للمراجعة
pages-intake-flags = تنبيهات
pages-intake-select = اختيار
pages-intake-kind = النوع
pages-intake-proposal = المقترح
pages-intake-quote = موضعه في النص
pages-intake-state = المراجعة
pages-intake-party = الأطراف
pages-intake-due = موعد الاستحقاق
pages-intake-matches = يكرّر
pages-intake-edit = عدِّل قبل القبول
pages-intake-edit-en = الصياغة (بالإنجليزية)
pages-intake-edit-ar = الصياغة (بالعربية)
pages-intake-theme = الموضوع
pages-intake-round = الجولة
pages-intake-id = معرّف السجل
pages-intake-edits-hint = قبول مقترح يكرّر سجلًا قائمًا دون تعديل يسجّل المطابقة؛ ومع التعديل يصبح التزامًا جديدًا. يحتاج الرفض إلى سبب وهو نهائي.
pages-intake-reason = سبب الرفض
pages-intake-accept = اقبل المحدَّد
pages-intake-reject = ارفض المحدَّد
pages-intake-back = كل النصوص المعروضة للمراجعة

## خيار ‎--submit‎ في سطر الأوامر.
intake-cli-arg-submit = احفظ النص ومقترحاته على الخادم (‎--server‎) لتقبلها الأمانة أو ترفضها؛ لا يدخل السجلَّ شيءٌ قبل ذلك
intake-cli-submitted = حُفظ للمراجعة بوصفه النص رقم {$id} مع {$count} من المقترحات؛ لم يدخل السجلَّ شيء بعد. راجعه في {$url}
intake-cli-accept-about = قبول مقترحات نصٍّ محفوظ للمراجعة (للأمانة): يصير كلٌّ منها سجلًّا وفق القواعد نفسها التي تحكم كل كتابة، كلّها أو لا شيء
intake-cli-reject-about = رفض مقترحات نصٍّ محفوظ للمراجعة (للأمانة)، ويُحفظ السبب مع من رفضها ومتى
intake-cli-arg-id = رقم النص المحفوظ للمراجعة (يطبعه ‎--submit‎ وتعرضه صفحة ‎/intake‎)
intake-cli-arg-proposals = أرقام المقترحات في ذلك النص، بدءًا من 0، مفصولة بفواصل
intake-cli-arg-document = وثيقة السجل التي تستشهد بها السجلات الجديدة (الافتراضي: وثيقة تُنشأ من النص)
intake-cli-arg-reason = سبب الرفض (مطلوب)
intake-cli-accepted = المقترح {$index}: قُبل بوصفه {$kind} {$record}
intake-cli-reviewed = المقترح {$index}: { $state ->
    [accepted] مقبول
    [rejected] مرفوض
   *[other] ما زال ينتظر المراجعة
}
