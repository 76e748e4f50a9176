# tahawul backup / tahawul restore (crates/store/src/backup.rs, crates/cli/src/commands/backup.rs)
backup-cli-about = نسخ قاعدة البيانات كلها (السجلات والأرقام والمستخدمين وسجل التدقيق) إلى ملف واحد والخدمة تعمل
restore-cli-about = تحميل نسخة احتياطية في قاعدة بيانات فارغة (SQLite أو PostgreSQL، أيًّا كان مصدرها)
backup-cli-arg-file = ملف النسخة الاحتياطية
restore-cli-arg-force = استبدال محتوى قاعدة البيانات (سجلاتها ومستخدميها وسجل تدقيقها) بالنسخة الاحتياطية
backup-written = كُتبت النسخة الاحتياطية في { $file }: { PLURAL($rows) ->
    [zero] لا صفوف
    [one] صف واحد
    [two] صفّان
    [few] { $rows } صفوف
    [many] { $rows } صفًّا
   *[other] { $rows } صف
} في { PLURAL($tables) ->
    [zero] لا جداول
    [one] جدول واحد
    [two] جدولين
    [few] { $tables } جداول
    [many] { $tables } جدولًا
   *[other] { $tables } جدول
}، حتى قيد التدقيق { $seq }
restore-done = استُعيدت { $file }: { PLURAL($rows) ->
    [zero] لا صفوف
    [one] صف واحد
    [two] صفّان
    [few] { $rows } صفوف
    [many] { $rows } صفًّا
   *[other] { $rows } صف
} في { PLURAL($tables) ->
    [zero] لا جداول
    [one] جدول واحد
    [two] جدولين
    [few] { $tables } جداول
    [many] { $tables } جدولًا
   *[other] { $tables } جدول
}، حتى قيد التدقيق { $seq }؛ وسجل التدقيق سليم
restore-audit-fails = استُعيدت { $file }، لكن سجل تدقيقها لا يجتاز التحقق: { $error }
backup-target-not-empty = في قاعدة البيانات سجلات أو مستخدمون أو قيود تدقيق من قبل
backup-target-not-empty-help = استعد النسخة في قاعدة بيانات جديدة فارغة، أو أضف ‎--force‎ لاستبدال ما فيها
backup-not-a-backup = ليس هذا الملف نسخة احتياطية من تحوّل (لا يذكر سطره الأول "tahawul-backup")
backup-not-a-backup-help = أعطِ الملف الذي كتبه الأمر ‎`tahawul backup`‎
backup-version = إصدار صيغة هذه النسخة ({ $version }) ليس مما يقرؤه هذا الإصدار من تحوّل
backup-unreadable = تتعذّر قراءة السطر: { $error }
backup-truncated = ينتهي الملف قبل أوانه: كان المنتظر سطر { $expected }
backup-truncated-help = النسخة مبتورة (قرص ممتلئ أو نسخ انقطع): خذها من جديد أو استعمل نسخة سابقة
backup-bad-line = السطر ليس JSON صالحًا: { $error }
backup-unexpected-table = كان المنتظر هنا الجدول { $expected } بالأعمدة التي يكتبها هذا الإصدار من تحوّل
backup-no-count = لا يذكر سطر الجدول عدد الصفوف التي تليه
backup-bad-row = صف الجدول { $table } قائمة من { $columns } قيم
backup-bad-value = نوع قيمة في { $table }.{ $column } غير صحيح
backup-digest = بصمة الملف لا تطابق محتواه: غُيِّر أو تلف بعد كتابته
backup-digest-help = استعمل نسخة سليمة من النسخة الاحتياطية؛ لم يُكتب شيء
backup-trailing = بعد نهاية النسخة الاحتياطية أسطر أخرى
backup-problem = { $at }: { $detail }
