# استيراد مجموعات بيانات أحداث النزاع (UCDP GED وACLED) إلى سلاسل مؤشرات (العربية).
events-empty-file = الملف { $file } فارغ: ليس فيه سطر عناوين
events-header-help = صدِّر الملف من { $dataset } بصيغة CSV مع سطر العناوين؛ يسرد docs/import-events.md الأعمدة المقروءة
events-missing-columns = { PLURAL($count) ->
    [one] ينقص سطرَ العناوين عمودُ { $dataset } التالي: { $columns }
   *[other] تنقص سطرَ العناوين أعمدةُ { $dataset } التالية: { $columns }
}
events-rename-columns = في سطر العناوين أسماء قريبة: أعد تسمية { $renames }، أو تحقّق من أن الملف من مجموعة البيانات التي يسمّيها التعريف
events-row-length = في هذا الصف { $found } حقلًا بينما في سطر العناوين { $expected }
events-row-length-help = الصف مبتور أو فيه فاصلة خارج علامتي التنصيص؛ ضع الحقول التي فيها فواصل بين علامتي تنصيص، أو صدِّر الملف من جديد
events-not-utf8 = الحقل { $column } ليس نصًا بترميز UTF-8
events-not-utf8-help = احفظ الملف أو صدِّره بترميز UTF-8
events-bad-date = قيمة { $column } هي { $value }، وهي ليست تاريخًا
events-bad-date-help = اكتب التواريخ بالصيغة YYYY-MM-DD (2024-09-27) أو 27 September 2024، وتحقّق من وجود اليوم
events-date-order = ينتهي الحدث ({ $end }) قبل أن يبدأ ({ $start })
events-bad-count = قيمة { $column } هي { $value }: يجب أن تكون عددًا صحيحًا من الصفر فما فوق
events-bad-code = قيمة { $column } هي { $value }: يجب أن تكون عددًا صحيحًا من { $min } إلى { $max }
events-line-too-long = في الملف سطر أطول من { $limit } بايت، فهو ليس ملف تصدير لمجموعة بيانات (أو أنه تالف)
events-line-too-long-help = تحقّق من أن الملف هو ملف CSV المصدَّر نفسه، لا ملفًا مضغوطًا أو ثنائيًا
events-unreadable = تتعذّر قراءة الملف: { $detail }
events-unknown-place = { $name } ليس تقسيمًا إداريًا من المستوى الأول في { $country } يعرفه تحوّل
events-unknown-place-suggest = { $name } ليس تقسيمًا إداريًا من المستوى الأول في { $country } يعرفه تحوّل؛ هل تقصد { $suggestion }؟
events-ambiguous-place = قد يدلّ { $name } على أكثر من تقسيم إداري في { $country }: { $codes }
events-unknown-place-help = أضف تهجئة مجموعة البيانات إلى `places` في تعريف المنطقة في case.toml (بالصيغة "{ $country }:الاسم")، أو اذكر رمز ISO 3166-2
events-more-problems = { PLURAL($count) ->
    [zero] ولا مشكلات أخرى
    [one] ومشكلة أخرى واحدة
    [two] ومشكلتان أخريان
    [few] و{ $count } مشكلات أخرى
    [many] و{ $count } مشكلةً أخرى
   *[other] و{ $count } مشكلة أخرى
}
events-iso-codes-missing = تتعذّر قراءة قوائم ISO 3166: { $detail }
events-iso-codes-missing-help = ثبّت حزمة iso-codes من دبيان (apt-get install iso-codes)
events-unknown-code = تذكر المنطقة { $area } الرمز { $code }، وهو ليس رمز بلد أو تقسيم إداري في ISO 3166
events-bad-place-name = تذكر المنطقة { $area } المكان { $name }: اكتب المكان المسمّى برمز البلد ثم نقطتين ثم الاسم (IQ:Halabja)
# حفظ استيراد (المسألة 15).
store-definition-changed = تغيّر تعريف الاستيراد أثناء قراءة الملف: أعد الاستيراد
store-release-other-file = استُورد الإصدار { $release } بالتعريف { $definition } من ملف آخر: سمِّ إصدار هذا الملف باسم مختلف (مثل { $release }-2)، أو تحقّق من أنه الملف المقصود
store-bad-release = الإصدار اسم قصير بلا محارف تحكّم (23.1، 2025-05-20)
store-no-figures = لا يعطي الملف أي رقم: لا شهر منه في نطاق التعريف
