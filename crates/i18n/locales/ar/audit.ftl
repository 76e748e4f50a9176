## audit messages (ar). Each area keeps its own file.

## سجل ميركل ونقاط التحقق الموقّعة (docs/storage.md).
audit-cli-checkpoint-about = اكتب نقطة التحقق الموقّعة الحالية لسجل التدقيق (حجم الشجرة وجذرها) للاحتفاظ بها
audit-cli-arg-since = نقطة تحقق احتُفظ بها من قبل: أثبت أيضًا أن السجل الحالي امتداد لها (برهان اتساق)
audit-cli-arg-output = اكتب نقطة التحقق في هذا الملف بدل طباعتها
audit-cli-arg-server = اسأل خادم تحوّل هذا (http://…) بدل فتح قاعدة البيانات؛ يُقرأ رمز الواجهة من TAHAWUL_TOKEN
audit-checkpoint-written = كُتبت نقطة تحقق { $origin } عند الحجم { $size } في { $file }. احتفظ بها؛ وفيما بعد يُثبت `tahawul audit verify --since { $file }` أن السجل لم يزد إلا إضافةً.
audit-checkpoint-cannot-write = تعذّرت كتابة نقطة التحقق في { $file }: { $detail }
audit-checkpoint-unreadable = تعذّرت قراءة نقطة التحقق المحفوظة { $file }: { $detail }
audit-checkpoint-malformed = { $file }، السطر { $line }: هذه ليست نقطة تحقق لسجل تدقيق تحوّل (الأصل، حجم الشجرة، تجزئة الجذر، سطر فارغ، التوقيع)
audit-checkpoint-forged = نقطة التحقق المحفوظة { $file } لا تتحقّق: توقيعها لا يطابق محتواها، فقد عُدّلت بعد أن وقّعها السجل
audit-checkpoint-forged-help = استعمل ملف نقطة التحقق كما كتبه `tahawul audit checkpoint` تمامًا؛ نقطة التحقق المعدَّلة لا تُثبت شيئًا.
audit-checkpoint-other-key = نقطة التحقق المحفوظة { $file } غير موقّعة بمفتاح هذا السجل ({ $key })
audit-checkpoint-other-key-help = إما أن نقطة التحقق من سجل آخر، وإما أن مفتاح السجل استُبدل منذ حُفظت؛ واستبدال المفتاح وحده سبب لسؤال الأمانة عن السبب.
audit-since-ok = سجل التدقيق امتداد لنقطة التحقق المحفوظة { $file }: برهان الاتساق من الحجم { $from } إلى الحجم { $to } يتحقّق.
audit-since-rewritten = سجل التدقيق ليس امتدادًا لنقطة التحقق المحفوظة { $file }: قيوده الأولى حتى الحجم { $size } ليست التي وقّعتها نقطة التحقق. أُعيدت كتابة التاريخ، مع أن كل تجزئة أُعيد حسابها.
audit-since-rewound = سجل التدقيق ليس امتدادًا لنقطة التحقق المحفوظة: حجمه الآن { $current }، أقل من الحجم { $kept } الذي وقّعته نقطة التحقق. حُذفت قيود (أُرجع السجل إلى الوراء).
audit-since-other-log = نقطة التحقق المحفوظة للسجل { $kept }، أما هذا السجل فهو { $current }.
audit-since-evidence-help = احتفظ بنقطة التحقق هذه وبنسخة من قاعدة البيانات دليلًا، وقارن بنقاط التحقق التي يحفظها الوفد الآخر.
audit-log-key-failed = تعذّر استعمال مفتاح توقيع سجل التدقيق { $path }: { $detail }
audit-server-bad-answer = لم يُرسل { $url } نقطة تحقق موقّعة لسجل التدقيق أو برهان اتساق
audit-api-past-size = { $field } ({ $value }) يتجاوز حجم السجل الحالي ({ $size })
audit-api-from-after-to = يجب ألّا يكون from ({ $from }) أكبر من to ({ $to })
