// Dates and RFC 3339 date-times: what is accepted, and the instant arithmetic adapters use to
// convert between the platform's offsets and an insurer's local time.
#include <gtest/gtest.h>

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::sdk {
namespace {

TEST(Date, ParsesRealCalendarDaysOnly) {
  auto d = parse_date("2026-11-20");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2026);
  EXPECT_EQ(d->month, 11);
  EXPECT_EQ(d->day, 20);
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_TRUE(parse_date("2000-02-29"));
  EXPECT_FALSE(parse_date("1900-02-29"));
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-04-31"));
  EXPECT_FALSE(parse_date("2026-00-10"));
  EXPECT_FALSE(parse_date("2026-12-00"));
  EXPECT_FALSE(parse_date("2026-1-5"));
  EXPECT_FALSE(parse_date("2026/11/20"));
  EXPECT_FALSE(parse_date("2026-11-20T00:00:00Z"));
  EXPECT_FALSE(parse_date(""));
  EXPECT_EQ(format_date(Date{2026, 3, 4}), "2026-03-04");
}

TEST(Date, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_FALSE(is_leap_year(2026));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2026, 2), 28);
  EXPECT_EQ(days_in_month(2026, 4), 30);
  EXPECT_EQ(days_in_month(2026, 12), 31);
  EXPECT_EQ(days_in_month(2026, 0), 0);
  EXPECT_EQ(days_in_month(2026, 13), 0);
}

TEST(DateTime, ParsesOffsetsZAndFractions) {
  auto a = parse_datetime("2026-11-20T14:35:00+01:00");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->hour, 14);
  EXPECT_EQ(a->minute, 35);
  EXPECT_EQ(a->offset_minutes, 60);
  EXPECT_FALSE(a->utc_z);
  EXPECT_EQ(a->fraction, "");

  auto z = parse_datetime("2026-11-20T13:35:00.250Z");
  ASSERT_TRUE(z);
  EXPECT_TRUE(z->utc_z);
  EXPECT_EQ(z->offset_minutes, 0);
  EXPECT_EQ(z->fraction, "250");  // verbatim, trailing zero kept

  auto neg = parse_datetime("2026-11-20T08:35:00-05:30");
  ASSERT_TRUE(neg);
  EXPECT_EQ(neg->offset_minutes, -330);

  EXPECT_TRUE(parse_datetime("2026-11-20t14:35:00z"));  // RFC 3339 allows lowercase
  EXPECT_TRUE(parse_datetime("2026-11-20T14:35:00.123456789+01:00"));
}

TEST(DateTime, RejectsWhatIsNotRfc3339WithOffset) {
  for (const char* bad : {"2026-11-20T14:35:00", "2026-11-20 14:35:00+01:00", "2026-11-20T14:35+01:00",
                          "2026-11-20T24:00:00Z", "2026-11-20T14:60:00Z", "2026-02-30T10:00:00Z",
                          "2026-11-20T14:35:00.Z", "2026-11-20T14:35:00.1234567890Z", "2026-11-20T14:35:00+0100",
                          "2026-11-20T14:35:00+24:00", "2026-11-20T14:35:00+01:60", "2026-11-20T14:35:00Z ",
                          "2026-11-20T14:35:00+01:00:00", ""}) {
    EXPECT_FALSE(parse_datetime(bad)) << bad;
  }
}

TEST(DateTime, FormatGivesBackWhatWasParsed) {
  for (const char* s : {"2026-11-20T14:35:00+01:00", "2026-11-20T13:35:00Z", "2026-11-20T13:35:00+00:00",
                        "2026-11-20T08:35:00.5-05:00", "1999-12-31T23:59:60Z", "2026-01-01T00:00:00.000000001+14:00"}) {
    auto dt = parse_datetime(s);
    ASSERT_TRUE(dt) << s;
    EXPECT_EQ(format_datetime(*dt), s);
  }
}

TEST(DateTime, EpochSecondsIsTheInstant) {
  EXPECT_EQ(parse_datetime("1970-01-01T00:00:00Z").value().epoch_seconds(), 0);
  EXPECT_EQ(parse_datetime("1970-01-01T01:00:00+01:00").value().epoch_seconds(), 0);
  EXPECT_EQ(parse_datetime("1969-12-31T19:00:00-05:00").value().epoch_seconds(), 0);
  EXPECT_EQ(parse_datetime("2000-03-01T00:00:00Z").value().epoch_seconds() - parse_datetime("2000-02-28T00:00:00Z").value().epoch_seconds(),
            2 * 86400);  // 2000 is a leap year
  EXPECT_EQ(parse_datetime("2100-03-01T00:00:00Z").value().epoch_seconds() - parse_datetime("2100-02-28T00:00:00Z").value().epoch_seconds(),
            86400);  // 2100 is not
  EXPECT_EQ(parse_datetime("2026-11-20T14:35:00+01:00").value().epoch_seconds(), 1795181700);
}

TEST(DateTime, ToOffsetKeepsTheInstant) {
  const DateTime paris = parse_datetime("2026-11-20T14:35:00.250+01:00").value();
  const DateTime utc = to_offset(paris, 0);
  EXPECT_EQ(format_datetime(utc), "2026-11-20T13:35:00.250+00:00");
  EXPECT_EQ(utc.epoch_seconds(), paris.epoch_seconds());
  EXPECT_EQ(format_datetime(to_offset(paris, -300)), "2026-11-20T08:35:00.250-05:00");
  EXPECT_EQ(format_datetime(to_offset(paris, 330)), "2026-11-20T19:05:00.250+05:30");
}

TEST(DateTime, ToOffsetCrossesDayMonthAndYear) {
  EXPECT_EQ(format_datetime(to_offset(parse_datetime("2026-12-31T23:30:00-05:00").value(), 60)), "2027-01-01T05:30:00+01:00");
  EXPECT_EQ(format_datetime(to_offset(parse_datetime("2027-01-01T00:30:00+01:00").value(), -300)),
            "2026-12-31T18:30:00-05:00");
  EXPECT_EQ(format_datetime(to_offset(parse_datetime("2024-02-28T23:00:00-02:00").value(), 0)), "2024-02-29T01:00:00+00:00");
  EXPECT_EQ(format_datetime(to_offset(parse_datetime("2026-02-28T23:00:00-02:00").value(), 0)), "2026-03-01T01:00:00+00:00");
}

TEST(DateTime, FromEpoch) {
  EXPECT_EQ(format_datetime(from_epoch(0, 0)), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(format_datetime(from_epoch(-1, 0)), "1969-12-31T23:59:59+00:00");
  EXPECT_EQ(format_datetime(from_epoch(951782400, 0)), "2000-02-29T00:00:00+00:00");
  EXPECT_EQ(format_datetime(from_epoch(1795181700, 60)), "2026-11-20T14:35:00+01:00");
  EXPECT_EQ(format_datetime(from_epoch(-86400 * 365, -60)), "1968-12-31T23:00:00-01:00");
  for (std::int64_t t : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1795181700}, std::int64_t{4102444800}})
    for (int off : {-720, -330, 0, 60, 840}) EXPECT_EQ(from_epoch(t, off).epoch_seconds(), t) << t << " " << off;
}

TEST(DateTime, NowIsUtcWithMilliseconds) {
  const auto tp = std::chrono::system_clock::time_point{} + std::chrono::milliseconds(1795181700042);
  EXPECT_EQ(now_rfc3339(tp), "2026-11-20T13:35:00.042Z");
  EXPECT_TRUE(parse_datetime(now_rfc3339()));
}

}  // namespace
}  // namespace passerelle::sdk
