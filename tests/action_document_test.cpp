// An outbox action's document (documents/action_document.hpp) from a real CSV snapshot and real
// templates: an email with its SMTP envelope (the To and every Cc address), a letter PDF with
// the addresses a print & mail provider asks for, the same bytes on every render, and a clear
// error for what cannot be rendered (a missing invoice, customer or template; a task).
#include "documents/action_document.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "documents/pdf_batch.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCustomers =
    "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit\n"
    "C1,Acme SAS,en,FR,EUR,sme,,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",,\n";

constexpr const char* kInvoices =
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
    "promise_date,pdf\n"
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-20,EUR,80.00,80.00,false,true,,\n";

class ActionDocument : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dun-action-document-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    write("snapshot/customers.csv", kCustomers);
    write("snapshot/invoices.csv", kInvoices);
    write("templates/reminder.en.txt",
          "Subject: Reminder for {customer.name}\n\nPlease pay:\n\n{items_list}\n");
    config_.company.name = "Our Company";
    config_.company.email = "ar@ourco.example";
    config_.company.address = "1 Quay Street\nDublin";
    auto context =
        SnapshotContext::load(config_, dir_ / "snapshot", dir_ / "templates", day("2026-01-25"));
    ASSERT_TRUE(context) << context.error().message;
    context_ = std::move(context).value();
    documents_ = std::make_unique<ActionDocuments>(*context_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const fs::path& relative, const std::string& text) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative) << text;
  }

  static Date day(const char* text) { return *Date::parse(text); }

  static Action action(Channel channel) {
    Action action;
    action.id = "0123456789abcdef0123456789abcdef";
    action.created_on = day("2026-01-19");
    action.channel = channel;
    if (channel == Channel::letter) action.letter_type = LetterType::registered;
    action.customer = "C1";
    action.invoices = {"I1", "I2"};
    action.template_name = "reminder";
    action.language = "en";
    if (channel == Channel::email) {
      action.to = "billing@acme.example";
      action.copy = {"anna@ourco.example", "boss@ourco.example"};
    }
    return action;
  }

  fs::path dir_;
  Config config_;
  std::unique_ptr<SnapshotContext> context_;
  std::unique_ptr<ActionDocuments> documents_;
};

TEST_F(ActionDocument, EmailEnvelopeIsTheToAndEveryCcOfTheMessage) {
  auto document = documents_->render(action(Channel::email));
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(document->content_type, kEmailContentType);
  EXPECT_EQ(document->envelope_from, "ar@ourco.example");
  EXPECT_EQ(document->envelope_to,
            (std::vector<std::string>{"billing@acme.example", "anna@ourco.example",
                                      "boss@ourco.example"}));
  EXPECT_NE(document->bytes.find("\r\nTo: billing@acme.example\r\n"), std::string::npos)
      << document->bytes;
  EXPECT_NE(document->bytes.find("\r\nCc: anna@ourco.example,\r\n boss@ourco.example\r\n"),
            std::string::npos)
      << document->bytes;
  EXPECT_NE(document->bytes.find("Subject: Reminder for Acme SAS"), std::string::npos);

  auto again = documents_->render(action(Channel::email));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->bytes, document->bytes) << "a retry renders the same message";

  auto parts = documents_->render_with_parts(action(Channel::email));
  ASSERT_TRUE(parts);
  ASSERT_TRUE(parts->email.has_value());
  EXPECT_EQ(parts->email->cc.size(), 2u);
  EXPECT_EQ(parts->document.subject, "Reminder for Acme SAS");
}

TEST_F(ActionDocument, LetterIsAPdfWithItsAddresses) {
  auto document = documents_->render(action(Channel::letter));
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_EQ(document->content_type, kLetterContentType);
  EXPECT_EQ(document->bytes.substr(0, 5), "%PDF-");
  EXPECT_EQ(*pdf_page_count(document->bytes), 1);
  EXPECT_EQ(document->recipient.name, "Acme SAS");
  EXPECT_EQ(document->recipient.address_lines,
            (std::vector<std::string>{"12 rue de la Paix", "75002 Paris"}));
  EXPECT_EQ(document->recipient_country, "FR");
  EXPECT_EQ(document->sender.name, "Our Company");
  EXPECT_TRUE(document->envelope_to.empty());

  auto again = documents_->render(action(Channel::letter));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->bytes, document->bytes) << "a retry renders the same PDF";
}

TEST_F(ActionDocument, WhatCannotBeRenderedIsAClearError) {
  Action missing_invoice = action(Channel::email);
  missing_invoice.invoices = {"I1", "I9"};
  auto error = documents_->render(missing_invoice);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().message,
            "invoice I9 of action 0123456789abcdef0123456789abcdef is not in the snapshot");

  Action missing_customer = action(Channel::letter);
  missing_customer.customer = "C7";
  error = documents_->render(missing_customer);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().message,
            "customer C7 of action 0123456789abcdef0123456789abcdef is not in today's snapshot");

  Action missing_template = action(Channel::email);
  missing_template.template_name = "final_notice";
  error = documents_->render(missing_template);
  ASSERT_FALSE(error);
  // The customer writes en from FR: the lookup tried the country's file, then the language's.
  EXPECT_NE(
      error.error().message.find("no template final_notice.en_FR.txt nor final_notice.en.txt"),
      std::string::npos)
      << error.error().message;

  error = documents_->render(action(Channel::task));
  ASSERT_FALSE(error);
  EXPECT_NE(error.error().message.find("is a task: it has no document"), std::string::npos);
}

// The delivery after `dun run` renders with the run's aggregates: a context lent them computes
// none of its own, and renders what a context that computed them renders.
TEST_F(ActionDocument, ALentPortfolioAndAggregatesAreUsedAsTheyAre) {
  const Date today = day("2026-01-25");
  auto lent = std::make_shared<const CustomerAggregates>(
      compute_aggregates(context_->portfolio(), today, config_.rates));
  SnapshotContext around(config_, context_->portfolio(), dir_ / "snapshot", dir_ / "templates",
                         today, lent);
  EXPECT_EQ(&around.aggregates(), lent.get());
  EXPECT_EQ(&around.portfolio(), &context_->portfolio());

  ActionDocuments documents(around);
  auto lent_render = documents.render(action(Channel::letter));
  auto own_render = documents_->render(action(Channel::letter));
  ASSERT_TRUE(lent_render) << lent_render.error().message;
  ASSERT_TRUE(own_render) << own_render.error().message;
  EXPECT_EQ(lent_render->bytes, own_render->bytes);
}

}  // namespace
}  // namespace dun
