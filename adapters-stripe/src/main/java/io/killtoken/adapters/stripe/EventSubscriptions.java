package io.killtoken.adapters.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import java.util.Optional;

/**
 * The subscription a verified event is about, from its {@code data.object}: the object itself for
 * subscription events, a Checkout Session's {@code subscription}, an invoice's {@code
 * parent.subscription_details.subscription}. Read with stripe-java's own deserializer, whatever API
 * version the endpoint sends.
 */
final class EventSubscriptions {

  private EventSubscriptions() {}

  static Optional<String> of(Event event) throws EventDataObjectDeserializationException {
    StripeObject object = event.getDataObjectDeserializer().deserializeUnsafe();
    return switch (object) {
      case Subscription subscription -> Optional.ofNullable(subscription.getId());
      case Session session -> Optional.ofNullable(session.getSubscription());
      case Invoice invoice ->
          Optional.ofNullable(invoice.getParent())
              .map(Invoice.Parent::getSubscriptionDetails)
              .map(Invoice.Parent.SubscriptionDetails::getSubscription);
      default -> Optional.empty();
    };
  }
}
