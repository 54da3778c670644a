// SAA's date, date-time and boolean formats (internal functions, linked into the test binary).
#include <gtest/gtest.h>

#include "saa_formats.hpp"

using namespace passerelle::saa;

TEST(SaaFormats, PlainDates) {
  EXPECT_EQ(canonical_date_from_saa("20/11/2026"), "2026-11-20");
  EXPECT_EQ(canonical_date_from_saa("29/02/2024"), "2024-02-29");
  EXPECT_EQ(canonical_date_from_saa("29/02/2026"), std::nullopt);
  EXPECT_EQ(canonical_date_from_saa("31/04/2026"), std::nullopt);
  EXPECT_EQ(canonical_date_from_saa("2026-11-20"), std::nullopt);
  EXPECT_EQ(canonical_date_from_saa("1/11/2026"), std::nullopt);
  EXPECT_EQ(canonical_date_from_saa("20/11/2026 "), std::nullopt);
  EXPECT_EQ(saa_date_from_canonical("2026-11-20"), "20/11/2026");
  EXPECT_EQ(saa_date_from_canonical("0001-01-01"), "01/01/0001");
  EXPECT_EQ(saa_date_from_canonical("20/11/2026"), std::nullopt);
}

TEST(SaaFormats, DateTimesAreAlgeriaTimeToTheMinute) {
  EXPECT_EQ(canonical_datetime_from_saa("20/11/2026 14:35"), "2026-11-20T14:35:00+01:00");
  EXPECT_EQ(canonical_datetime_from_saa("31/02/2026 10:00"), std::nullopt);
  EXPECT_EQ(canonical_datetime_from_saa("20/11/2026 24:00"), std::nullopt);
  EXPECT_EQ(canonical_datetime_from_saa("20/11/2026 14:60"), std::nullopt);
  EXPECT_EQ(canonical_datetime_from_saa("20/11/2026T14:35"), std::nullopt);
  EXPECT_EQ(canonical_datetime_from_saa("20/11/2026 14:35:00"), std::nullopt);

  EXPECT_EQ(saa_datetime_from_canonical("2026-11-20T14:35:00+01:00"), "20/11/2026 14:35");
  EXPECT_EQ(saa_datetime_from_canonical("2026-11-20T13:35:00Z"), "20/11/2026 14:35");
  EXPECT_EQ(saa_datetime_from_canonical("2026-11-20T23:59:59.9-05:00"), "21/11/2026 05:59");
  EXPECT_EQ(saa_datetime_from_canonical("2026-12-31T23:30:00Z"), "01/01/2027 00:30");
  // No daylight saving time in Algeria: summer is +01:00 too.
  EXPECT_EQ(saa_datetime_from_canonical("2026-07-01T12:00:00Z"), "01/07/2026 13:00");
  EXPECT_EQ(saa_datetime_from_canonical("not a time"), std::nullopt);
}

TEST(SaaFormats, Booleans) {
  EXPECT_EQ(bool_from_saa("oui"), true);
  EXPECT_EQ(bool_from_saa("NON"), false);
  EXPECT_EQ(bool_from_saa("Oui"), true);
  EXPECT_EQ(bool_from_saa("peut-être"), std::nullopt);
  EXPECT_EQ(bool_from_saa("true"), std::nullopt);
  EXPECT_EQ(bool_from_saa(""), std::nullopt);
  EXPECT_STREQ(saa_from_bool(true), "oui");
  EXPECT_STREQ(saa_from_bool(false), "non");
}

TEST(SaaFormats, TodayInAlgeria) {
  EXPECT_EQ(algeria_date_of_epoch(1795217400), "2026-11-21");  // 2026-11-20T23:30:00Z
  EXPECT_EQ(algeria_date_of_epoch(1795213800), "2026-11-20");  // 22:30Z
}
