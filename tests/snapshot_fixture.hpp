// A small valid snapshot shared by the loader suites: each bad-input test adds one row to it and
// checks that exactly that row is quarantined, with the expected column and reason. Also the CSV
// header lines, and the two customers the CLI suites write their snapshots with.
#pragma once

#include <string>

namespace dun::testing {

inline const std::string kCollectorsCsv =
    "id,name,email,phone\n"
    "K1,Anna Collector,anna@ourco.example,+33 1 23 45 67 89\n";

inline const std::string kCustomersCsvHeader =
    "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit\n";

inline const std::string kInvoicesCsvHeader =
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
    "promise_date,pdf\n";

inline const std::string kCustomersCsv =
    kCustomersCsvHeader +
    "C1,Acme SAS,fr,FR,EUR,sme,,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",K1,5000.00\n"
    "C2,Globex GmbH,de,DE,EUR,key_account,standard_b2b,billing@globex.example,,,\n";

inline const std::string kContactsCsv =
    "customer_id,name,email,phone,role\n"
    "C1,Jean Dupont,jean@acme.example,,collection\n"
    "C1,Maître Legal,legal@acme.example,,legal\n"
    "C2,,ap@globex.example,,\n";

inline const std::string kInvoicesCsv =
    kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-10-01,2026-10-31,EUR,1200.00,1200.00,false,true,,pdf/I1.pdf\n";

// A good invoices row to derive bad ones from (it would load as I2).
inline const std::string kGoodInvoiceRow =
    "I2,C1,F-002,invoice,2026-10-01,2026-10-31,EUR,100.00,50.00,false,true,,\n";

// Two English-speaking customers on the default scenario, with postal addresses: the CLI suites'
// customers.csv.
inline const std::string kTwoCustomersCsv =
    kCustomersCsvHeader +
    "C1,Acme SAS,en,FR,EUR,sme,,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",,\n"
    "C2,Globex GmbH,en,DE,EUR,sme,,ap@globex.example,\"Hauptstr. 1\n10115 Berlin\",,\n";

}  // namespace dun::testing
